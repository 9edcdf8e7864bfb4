package io.sockguard.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API and metrics over their own unix socket, apart from the Docker-API listener. */
class UnixAdminSocketTest {
  @TempDir Path dir;

  @Test
  void servesPolicyVersionValidateAndMetricsOnItsOwnSocket() throws Exception {
    Path admin = dir.resolve("admin.sock");
    try (FakeUpstream daemon = FakeUpstream.start();
        RunningProxy proxy =
            RunningProxy.start(
                """
                [[rules]]
                match = { method = "GET", path = "/_ping" }
                action = "allow"
                [metrics]
                enabled = true
                [admin]
                enabled = true
                [admin.listen]
                socket = "%s"
                """
                    .formatted(admin),
                daemon.socketPath())) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(admin)));

      RawHttp.Response version =
          RawHttp.exchange(admin, "GET /admin/policy/version HTTP/1.1\r\nHost: admin\r\n\r\n");
      assertEquals(200, version.status());
      assertTrue(version.body().contains("\"version\":1"), version.body());

      String bad = "[listen]\nadress = 1\n";
      RawHttp.Response invalid =
          RawHttp.exchange(
              admin,
              "POST /admin/validate HTTP/1.1\r\nHost: admin\r\nContent-Length: " + bad.length() + "\r\n\r\n" + bad);
      assertEquals(422, invalid.status());
      assertTrue(invalid.body().contains("listen.adress"), invalid.body());

      String big = "#".repeat(600 * 1024);
      RawHttp.Response oversized =
          RawHttp.exchange(
              admin,
              "POST /admin/validate HTTP/1.1\r\nHost: admin\r\nContent-Length: " + big.length() + "\r\n\r\n" + big);
      assertEquals(413, oversized.status());

      RawHttp.Response metrics = RawHttp.exchange(admin, "GET /metrics HTTP/1.1\r\nHost: admin\r\n\r\n");
      assertEquals(200, metrics.status());
      assertTrue(metrics.body().contains("sockguard_build_info"), metrics.body());
      assertFalse(
          RawHttp.exchange(admin, "GET /containers/json HTTP/1.1\r\nHost: admin\r\n\r\n").status() == 200,
          "the admin socket is not a Docker API socket");
      assertTrue(daemon.requests().isEmpty(), "nothing on the admin socket reaches the daemon");
    }
    assertFalse(Files.exists(admin), "the admin socket is removed on shutdown");
  }
}
