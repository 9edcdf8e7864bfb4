package io.sockguard.learn;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON lines {@code io.sockguard.observe.AccessLog} writes ({@code log.format = "json"}) and keeps the
 * {@code request} events that carry a canonical path. Other events, text-format lines and requests refused before
 * canonicalisation are counted, not failed on, since a service log mixes them freely. Stateless.
 */
public final class AccessLogReader {

  /**
   * What a log held.
   *
   * @param requests the usable request events, in log order
   * @param otherLines lines that are not request events (other events, text format, blank or truncated lines)
   * @param withoutPath request events without {@code normalized_path}: refused before the policy ran
   */
  public record Result(List<ObservedRequest> requests, int otherLines, int withoutPath) {
    public Result {
      requests = List.copyOf(requests);
    }
  }

  private AccessLogReader() {}

  /** Reads every line of {@code in}; the caller closes it. */
  public static Result read(BufferedReader in) throws IOException {
    List<ObservedRequest> requests = new ArrayList<>();
    int other = 0;
    int withoutPath = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      JsonObject event = parse(line);
      if (event == null || !"request".equals(text(event, "msg"))) {
        other++;
        continue;
      }
      String method = text(event, "method");
      String path = text(event, "normalized_path");
      if (method == null || path == null) {
        withoutPath++;
        continue;
      }
      String route = text(event, "route");
      String decision = text(event, "decision");
      String profile = text(event, "profile");
      requests.add(
          new ObservedRequest(
              method,
              path,
              route == null ? "/other" : route,
              decision == null ? "allow" : decision,
              profile == null ? "default" : profile));
    }
    return new Result(requests, other, withoutPath);
  }

  private static JsonObject parse(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("{")) {
      return null;
    }
    try {
      JsonValue value = Json.parse(trimmed);
      return value.isObject() ? value.asObject() : null;
    } catch (ParseException e) {
      return null;
    }
  }

  private static String text(JsonObject object, String name) {
    JsonValue value = object.get(name);
    return value != null && value.isString() ? value.asString() : null;
  }
}
