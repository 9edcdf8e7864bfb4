package io.sockguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import io.sockguard.config.ConfigLoader;
import io.sockguard.reload.ReloadResult;
import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.Poll;
import io.sockguard.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload through a real file, and the admin API that reports and validates policies. */
class ReloadAndAdminTest {
  @TempDir Path dir;

  private static String config(String extraRule, String upstream) {
    return """
        [listen]
        address = "127.0.0.1:0"
        [upstream]
        socket = "%s"
        [metrics]
        enabled = true
        [admin]
        enabled = true
        [admin.listen]
        address = "127.0.0.1:0"
        [reload]
        enabled = true
        debounce = "100ms"
        [[rules]]
        match = { method = "GET", path = "/_ping" }
        action = "allow"
        %s
        """
        .formatted(upstream, extraRule);
  }

  private static final String ALLOW_VERSION =
      "[[rules]]\nmatch = { method = \"GET\", path = \"/version\" }\naction = \"allow\"\n";

  private static int status(Sockguard sockguard, String path) {
    return RawHttp.exchange(
            "127.0.0.1",
            sockguard.tcpAddress().orElseThrow().getPort(),
            "GET " + path + " HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
        .status();
  }

  private static String metrics(Sockguard sockguard) {
    return RawHttp.exchange(
            "127.0.0.1",
            sockguard.tcpAddress().orElseThrow().getPort(),
            "GET /metrics HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
        .body();
  }

  @Test
  void fileChangeSwapsPolicyAndBadReloadsKeepItWithTheirMetricLabel() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (FakeUpstream daemon = FakeUpstream.start()) {
      Path file = dir.resolve("sockguard.toml");
      Files.writeString(file, config("", daemon.socketPath().toString()));
      try (Sockguard sockguard =
          Sockguard.start(ConfigLoader.load(file, Map.of()), log::add, file, Map.of())) {
        assertEquals(403, status(sockguard, "/version"));

        Path swap = dir.resolve("sockguard.toml.new");
        Files.writeString(swap, config(ALLOW_VERSION, daemon.socketPath().toString()));
        Files.move(swap, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Poll.until(java.time.Duration.ofSeconds(10), "new rule in force", () -> status(sockguard, "/version") == 200);
        assertEquals(2, sockguard.policyInfo().version());
        assertTrue(metrics(sockguard).contains("sockguard_config_reload_total{result=\"ok\"} 1"), metrics(sockguard));
        assertTrue(metrics(sockguard).contains("sockguard_policy_version 2"));

        Files.writeString(file, "[[rules]\nbroken");
        assertEquals(ReloadResult.REJECT_LOAD, sockguard.reloadNow("test"));
        Files.writeString(
            file, config(ALLOW_VERSION, daemon.socketPath().toString()).replace("127.0.0.1:0\"\n[upstream]", "127.0.0.1:1\"\n[upstream]"));
        assertEquals(ReloadResult.REJECT_IMMUTABLE, sockguard.reloadNow("test"));
        assertTrue(log.stream().anyMatch(l -> l.contains("\"changed_fields\":\"listen\"")), String.join("\n", log));
        Files.writeString(file, config("[[rules]]\naction = \"perhaps\"\n", daemon.socketPath().toString()));
        assertEquals(ReloadResult.REJECT_VALIDATION, sockguard.reloadNow("test"));

        assertEquals(200, status(sockguard, "/version"), "the last good policy keeps serving");
        assertEquals(2, sockguard.policyInfo().version());
        String scraped = metrics(sockguard);
        assertTrue(scraped.contains("sockguard_config_reload_total{result=\"reject_load\"}"), scraped);
        assertTrue(scraped.contains("sockguard_config_reload_total{result=\"reject_immutable\"}"), scraped);
        assertTrue(scraped.contains("sockguard_config_reload_total{result=\"reject_validation\"}"), scraped);
      }
    }
  }

  @Test
  void adminReportsPolicyVersionAndValidatesWithoutApplying() throws Exception {
    try (FakeUpstream daemon = FakeUpstream.start()) {
      Path file = dir.resolve("admin.toml");
      String text = config("", daemon.socketPath().toString());
      Files.writeString(file, text);
      try (Sockguard sockguard = Sockguard.start(ConfigLoader.load(file, Map.of()), l -> {}, file, Map.of())) {
        String admin = "http://127.0.0.1:" + sockguard.adminAddress().orElseThrow().getPort();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> version =
            http.send(HttpRequest.newBuilder(URI.create(admin + "/admin/policy/version")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, version.statusCode());
        JsonObject info = Json.parse(version.body()).asObject();
        assertEquals(1, info.getLong("version", 0));
        assertEquals(PolicyRuntime.sha256(text.getBytes(UTF_8)), info.getString("config_sha256", null));
        assertEquals(1, info.getInt("rules", 0));

        HttpResponse<String> good =
            http.send(
                HttpRequest.newBuilder(URI.create(admin + "/admin/validate"))
                    .POST(HttpRequest.BodyPublishers.ofString(ALLOW_VERSION))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, good.statusCode(), good.body());
        assertTrue(good.body().contains("\"ok\":true"), good.body());

        HttpResponse<String> bad =
            http.send(
                HttpRequest.newBuilder(URI.create(admin + "/admin/validate"))
                    .POST(HttpRequest.BodyPublishers.ofString("[listen]\nadress = 1\n"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("listen.adress"), bad.body());

        HttpResponse<String> big =
            http.send(
                HttpRequest.newBuilder(URI.create(admin + "/admin/validate"))
                    .POST(HttpRequest.BodyPublishers.ofString("#".repeat(600 * 1024)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode());
        assertEquals(403, status(sockguard, "/version"), "validation never changes the running policy");
        assertEquals(1, sockguard.policyInfo().version());
      }
    }
  }
}
