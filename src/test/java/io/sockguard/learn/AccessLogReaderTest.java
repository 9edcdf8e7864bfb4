package io.sockguard.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLogReaderTest {

  @Test
  void keepsRequestEventsAndCountsTheRest() throws Exception {
    String log =
        """
        {"time":"2025-01-01T00:00:00Z","level":"INFO","msg":"sockguard started","rules":3}
        {"time":"t","level":"INFO","msg":"request","method":"GET","path":"/v1.41/containers/abc/json","normalized_path":"/containers/abc/json","route":"/containers/{id}/json","status":200,"decision":"allow","profile":"default"}
        {"time":"t","level":"WARN","msg":"request","method":"GET","path":"/%2F","route":"/other","status":400,"decision":"error"}
        time=t level=INFO msg=request method=GET
        {"time":"t","level":"WARN","msg":"request","method":"POST","normalized_path":"/containers/create","route":"/containers/create","decision":"would_deny","profile":"ci"}
        {"truncated":
        """;

    AccessLogReader.Result result = AccessLogReader.read(new BufferedReader(new StringReader(log)));

    assertEquals(
        List.of(
            new ObservedRequest("GET", "/containers/abc/json", "/containers/{id}/json", "allow", "default"),
            new ObservedRequest("POST", "/containers/create", "/containers/create", "would_deny", "ci")),
        result.requests());
    assertEquals(3, result.otherLines());
    assertEquals(1, result.withoutPath());
  }
}
