package io.sockguard.inspect;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import io.sockguard.route.CanonicalPath;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code response.visible_resource_labels}: which containers, images, networks and volumes a caller may see. Lists
 * and events are filtered; a request naming one resource is checked against that resource's labels first (the
 * proxy looks it up) and answered 404 when it is hidden, exactly as if it did not exist. Pure.
 */
public final class Visibility {
  private Visibility() {}

  /** A resource a request names, and where its labels can be read. */
  public record Resource(String kind, String name, String inspectTarget) {}

  private static final Set<String> CONTAINER_STATIC = Set.of("json", "create", "prune");
  private static final Set<String> IMAGE_SUFFIXES = Set.of("json", "history", "push", "tag", "get");
  private static final Set<String> IMAGE_STATIC = Set.of("json", "create", "search", "load", "get", "prune");

  /** Whether a successful answer to this request is a list to filter. */
  public static boolean filtersList(String method, CanonicalPath path) {
    if (!method.equals("GET")) {
      return false;
    }
    String p = path.path();
    return p.equals("/containers/json") || p.equals("/images/json") || p.equals("/networks") || p.equals("/volumes");
  }

  /** Whether this is the event stream, filtered line by line. */
  public static boolean filtersEvents(String method, CanonicalPath path) {
    return method.equals("GET") && path.path().equals("/events");
  }

  /** Drops the items whose labels do not match; throws {@link ResponseRedactor.UnreadableResponseException}. */
  public static byte[] filterList(CanonicalPath path, byte[] body, LabelSelector selector) {
    JsonValue root;
    try {
      root = Json.parse(new String(body, StandardCharsets.UTF_8));
    } catch (ParseException | UnsupportedOperationException e) {
      throw new ResponseRedactor.UnreadableResponseException("list is not JSON: " + e.getMessage());
    }
    if (path.path().equals("/volumes")) {
      if (!root.isObject()) {
        throw new ResponseRedactor.UnreadableResponseException("expected the volumes object");
      }
      JsonValue volumes = root.asObject().get("Volumes");
      if (volumes != null && volumes.isArray()) {
        root.asObject().set("Volumes", keep(volumes.asArray(), selector, false));
      }
      return root.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (!root.isArray()) {
      throw new ResponseRedactor.UnreadableResponseException("expected a JSON array");
    }
    return keep(root.asArray(), selector, false).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonArray keep(JsonArray items, LabelSelector selector, boolean configLabels) {
    JsonArray kept = new JsonArray();
    for (JsonValue item : items) {
      if (item.isObject() && selector.matches(labelsOf(item.asObject(), configLabels))) {
        kept.add(item);
      }
    }
    return kept;
  }

  private static JsonValue labelsOf(JsonObject object, boolean configLabels) {
    if (configLabels) {
      JsonValue config = object.get("Config");
      return config != null && config.isObject() ? config.asObject().get("Labels") : null;
    }
    return object.get("Labels");
  }

  /**
   * Whether one event line may be shown: its actor's attributes (which carry the resource's labels, next to name
   * and image) must match. Lines that are not JSON objects are hidden.
   */
  public static boolean eventVisible(String line, LabelSelector selector) {
    if (selector.isEmpty()) {
      return true;
    }
    try {
      JsonValue event = Json.parse(line);
      JsonValue actor = event.isObject() ? event.asObject().get("Actor") : null;
      JsonValue attributes = actor != null && actor.isObject() ? actor.asObject().get("Attributes") : null;
      return selector.matches(attributes);
    } catch (ParseException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** The single resource this request names, or null when it names none (lists, creates, system calls). */
  public static Resource resourceOf(CanonicalPath path) {
    String p = path.path();
    String[] s = p.split("/", -1);
    if (s.length < 3 || s[2].isEmpty()) {
      return null;
    }
    switch (s[1]) {
      case "containers" -> {
        if (s.length == 3 && CONTAINER_STATIC.contains(s[2])) {
          return null;
        }
        return new Resource("container", s[2], "/containers/" + s[2] + "/json");
      }
      case "networks" -> {
        if (s.length == 3 && (s[2].equals("create") || s[2].equals("prune"))) {
          return null;
        }
        return new Resource("network", s[2], "/networks/" + s[2]);
      }
      case "volumes" -> {
        if (s.length == 3 && (s[2].equals("create") || s[2].equals("prune"))) {
          return null;
        }
        return new Resource("volume", s[2], "/volumes/" + s[2]);
      }
      case "images" -> {
        if (s.length == 3 && IMAGE_STATIC.contains(s[2])) {
          return null;
        }
        int end = IMAGE_SUFFIXES.contains(s[s.length - 1]) && s.length > 3 ? s.length - 1 : s.length;
        String name = String.join("/", java.util.Arrays.copyOfRange(s, 2, end));
        return new Resource("image", name, "/images/" + name + "/json");
      }
      default -> {
        return null;
      }
    }
  }

  /** Whether the inspect answer of {@code resource} shows labels matching {@code selector}. */
  public static boolean visible(Resource resource, byte[] inspectJson, LabelSelector selector) {
    JsonValue root;
    try {
      root = Json.parse(new String(inspectJson, StandardCharsets.UTF_8));
    } catch (ParseException | UnsupportedOperationException e) {
      return false;
    }
    if (!root.isObject()) {
      return false;
    }
    boolean underConfig = resource.kind().equals("container") || resource.kind().equals("image");
    return selector.matches(labelsOf(root.asObject(), underConfig));
  }
}
