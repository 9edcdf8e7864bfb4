package io.sockguard.admin;

import io.sockguard.health.UpstreamStatus;
import io.sockguard.observe.Escaping;
import java.nio.charset.StandardCharsets;

/** A complete answer from a local endpoint, and the JSON bodies of health and readiness. */
record Reply(int status, String contentType, byte[] body) {
  static final String JSON = "application/json";

  static Reply json(int status, String json) {
    return new Reply(status, JSON, (json + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Docker's error shape, so a docker client pointed at the wrong path prints something sensible. */
  static Reply message(int status, String message) {
    return json(status, "{\"message\":" + Escaping.jsonString(message) + "}");
  }

  /**
   * 200 {@code {"status":"healthy","upstream":"<upWord>",...}} or 503
   * {@code {"status":"unhealthy","upstream":"unreachable","error":"...",...}}.
   */
  static Reply health(UpstreamStatus status, String upWord, String socket) {
    StringBuilder json = new StringBuilder(160);
    json.append("{\"status\":").append(status.up() ? "\"healthy\"" : "\"unhealthy\"");
    json.append(",\"upstream\":").append(Escaping.jsonString(status.up() ? upWord : "unreachable"));
    if (!status.up()) {
      json.append(",\"error\":").append(Escaping.jsonString(status.error()));
    }
    json.append(",\"upstream_socket\":").append(Escaping.jsonString(socket));
    if (status.checkedAt() != null) {
      json.append(",\"checked_at\":").append(Escaping.jsonString(status.checkedAt().toString()));
    }
    json.append('}');
    return json(status.up() ? 200 : 503, json.toString());
  }
}
