package io.sockguard.admin;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import io.sockguard.http.BodyStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The operator's view of the policy on the admin listener: {@code GET} the running policy's version, and
 * {@code POST} a candidate TOML config to have it parsed, validated and compiled exactly as a reload would, without
 * ever applying it. Thread-safe.
 */
public final class AdminApi {

  /** What is running: the policy generation and where it came from. */
  public record PolicyInfo(
      long version, Instant loadedAt, String configSha256, String bundleSigner, int rules, int profiles) {}

  /** Full parse → validate → compile of a candidate; returns every problem, or an empty list plus counts. */
  @FunctionalInterface
  public interface Validator {
    Outcome validate(String toml);
  }

  /** A validation's result: problems (empty when valid) and, when valid, what it would run. */
  public record Outcome(List<String> errors, int rules, int profiles) {
    public Outcome {
      errors = List.copyOf(errors);
    }
  }

  private final String validatePath;
  private final String versionPath;
  private final long maxRequestBytes;
  private final Supplier<PolicyInfo> info;
  private final Validator validator;

  public AdminApi(
      String validatePath, String versionPath, long maxRequestBytes, Supplier<PolicyInfo> info, Validator validator) {
    this.validatePath = validatePath;
    this.versionPath = versionPath;
    this.maxRequestBytes = maxRequestBytes;
    this.info = info;
    this.validator = validator;
  }

  public boolean handles(String path) {
    return path.equals(validatePath) || path.equals(versionPath);
  }

  /** A complete JSON answer. */
  public record Answer(int status, String json) {}

  /** Answers one exchange of the JDK server; the caller closes it. */
  public void handle(HttpExchange exchange) throws IOException {
    Answer answer =
        respond(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestBody());
    send(exchange, answer.status(), answer.json());
  }

  /**
   * The answer to {@code method path} with {@code body}, whatever the transport (the JDK server on TCP, our own
   * listener on a unix socket). Reads at most {@code admin.max_request_bytes} of the body.
   */
  public Answer respond(String method, String path, InputStream body) throws IOException {
    if (path.equals(versionPath)) {
      return method.equals("GET")
          ? new Answer(200, versionJson(info.get()))
          : new Answer(405, message("use GET"));
    }
    if (!method.equals("POST")) {
      return new Answer(405, message("POST a TOML config to validate it"));
    }
    byte[] bytes = BodyStreams.readAtMost(body, maxRequestBytes);
    if (bytes == null) {
      return new Answer(413, message("config larger than admin.max_request_bytes (" + maxRequestBytes + " bytes)"));
    }
    Outcome outcome = validator.validate(new String(bytes, StandardCharsets.UTF_8));
    JsonObject answer = new JsonObject().add("ok", outcome.errors().isEmpty());
    if (outcome.errors().isEmpty()) {
      answer.add("rules", outcome.rules()).add("profiles", outcome.profiles());
      return new Answer(200, answer.toString());
    }
    JsonArray errors = new JsonArray();
    outcome.errors().forEach(errors::add);
    return new Answer(422, answer.add("errors", errors).toString());
  }

  static String versionJson(PolicyInfo info) {
    JsonObject json =
        new JsonObject()
            .add("version", info.version())
            .add("loaded_at", info.loadedAt().toString())
            .add("config_sha256", info.configSha256() == null ? Json.NULL : Json.value(info.configSha256()))
            .add("bundle_signer", info.bundleSigner() == null ? Json.NULL : Json.value(info.bundleSigner()))
            .add("rules", info.rules())
            .add("profiles", info.profiles());
    return json.toString();
  }

  private static String message(String text) {
    return new JsonObject().add("message", "sockguard admin: " + text).toString();
  }


  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
