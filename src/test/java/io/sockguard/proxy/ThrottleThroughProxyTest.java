package io.sockguard.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.Poll;
import io.sockguard.testing.RawConnection;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RunningProxy;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Per-profile limits in the pipeline: 429 with Retry-After, caps never exceeded, slots released on every exit. */
class ThrottleThroughProxyTest {
  private static final String ROOT =
      """
      [[rules]]
      match = { method = "*", path = "/**" }
      action = "allow"
      [response]
      insecure_allow_read_exfiltration = true
      [request_body]
      insecure_allow_body_blind_writes = true
      """;

  private static String limited(String mode, String limits) {
    return ROOT
        + "[clients]\ndefault_profile = \"limited\"\n"
        + "[[clients.profiles]]\nname = \"limited\"\nmode = \"" + mode + "\"\n"
        + "[[clients.profiles.rules]]\nmatch = { method = \"*\", path = \"/**\" }\naction = \"allow\"\n"
        + "[clients.profiles.limits]\n" + limits;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";
  }

  /** A daemon that holds every request until released, counting how many it holds at once. */
  private static final class HoldingDaemon implements FakeUpstream.Handler {
    final AtomicInteger current = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void handle(FakeUpstream.Exchange exchange) throws IOException {
      max.accumulateAndGet(current.incrementAndGet(), Math::max);
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      current.decrementAndGet();
      exchange.respondJson(200, "{}");
    }
  }

  @Test
  void emptyBucketAnswers429WithRetryAfterThenRecovers() throws IOException {
    try (FakeUpstream daemon = FakeUpstream.start(FakeUpstream.Handler.json(200, "{}"));
        RunningProxy proxy =
            RunningProxy.start(limited("enforce", "rate = { tokens_per_second = 5, burst = 5 }\n"), daemon.socketPath())) {
      for (int i = 0; i < 5; i++) {
        assertEquals(200, RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status(), "burst request " + i);
      }
      RawHttp.Response refused = RawHttp.exchange("127.0.0.1", proxy.port(), get("/info"));

      assertEquals(429, refused.status(), refused.text());
      Matcher retryAfter = Pattern.compile("\r\nRetry-After: ([0-9]+)\r\n").matcher(refused.text());
      assertTrue(retryAfter.find(), refused.text());
      assertTrue(Integer.parseInt(retryAfter.group(1)) >= 1);
      assertTrue(refused.body().contains("\"reason\":\"rate_limit_exceeded\""), refused.body());
      assertTrue(refused.body().contains("\"retry_after_seconds\":" + retryAfter.group(1)), refused.body());
      assertEquals(5, daemon.requests().size(), "the refused request never reached the daemon");
      Poll.until(
          Duration.ofSeconds(5),
          "the bucket refills",
          () -> RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status() == 200);
    }
  }

  @Test
  void sixtyFourParallelClientsNeverExceedACapOfEight() throws Exception {
    HoldingDaemon holding = new HoldingDaemon();
    try (FakeUpstream daemon = FakeUpstream.start(holding);
        RunningProxy proxy =
            RunningProxy.start(limited("enforce", "concurrency = { max_inflight = 8 }\n"), daemon.socketPath());
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        statuses.add(clients.submit(() -> RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status()));
      }
      Poll.until(Duration.ofSeconds(10), "the cap is reached", () -> holding.current.get() == 8);
      Poll.until(
          Duration.ofSeconds(10),
          "every client over the cap is refused",
          () -> statuses.stream().filter(Future::isDone).count() == 56);
      holding.release.countDown();
      int ok = 0;
      int refused = 0;
      for (Future<Integer> status : statuses) {
        int code = status.get(10, TimeUnit.SECONDS);
        ok += code == 200 ? 1 : 0;
        refused += code == 429 ? 1 : 0;
      }

      assertEquals(8, holding.max.get(), "never more than the cap in flight at the daemon");
      assertEquals(8, ok);
      assertEquals(56, refused);
      assertEquals(200, RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status(), "every slot came back");
    }
  }

  @Test
  void aHijackHoldsItsSlotUntilTheStreamEnds() throws Exception {
    CountDownLatch upstreamMayEnd = new CountDownLatch(1);
    FakeUpstream.Handler hijack =
        exchange -> {
          if (!exchange.request().path().contains("/attach")) {
            exchange.respondJson(200, "{}");
            return;
          }
          OutputStream out = exchange.output();
          out.write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n".getBytes(US_ASCII));
          out.flush();
          try {
            upstreamMayEnd.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.closeAfterward();
        };
    try (FakeUpstream daemon = FakeUpstream.start(hijack);
        RunningProxy proxy =
            RunningProxy.start(limited("enforce", "concurrency = { max_inflight = 1 }\n"), daemon.socketPath());
        RawConnection attach = RawConnection.tcp("127.0.0.1", proxy.port())) {
      attach.write(
          "POST /containers/c1/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\n"
              + "Upgrade: tcp\r\n\r\n");
      assertTrue(attach.readHead(Duration.ofSeconds(5)).startsWith("HTTP/1.1 101"));

      RawHttp.Response during = RawHttp.exchange("127.0.0.1", proxy.port(), get("/info"));
      assertEquals(429, during.status(), during.text());
      assertTrue(during.body().contains("\"reason\":\"concurrency_cap\""), during.body());

      upstreamMayEnd.countDown();
      attach.readUntilClosed(Duration.ofSeconds(5));
      Poll.until(
          Duration.ofSeconds(5),
          "the slot is released when the hijacked stream ends",
          () -> RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status() == 200);
    }
  }

  @Test
  void anUpstreamFailureReleasesTheSlot() throws IOException {
    FakeUpstream.Handler hangUp = exchange -> exchange.closeAfterward();
    try (FakeUpstream daemon = FakeUpstream.start(hangUp);
        RunningProxy proxy =
            RunningProxy.start(limited("enforce", "concurrency = { max_inflight = 1 }\n"), daemon.socketPath())) {
      for (int i = 0; i < 3; i++) {
        RawHttp.Response response = RawHttp.exchange("127.0.0.1", proxy.port(), get("/info"));
        assertEquals(502, response.status(), "attempt " + i + " reaches the daemon, so the slot was free: " + response.text());
      }
    }
  }

  @Test
  void aPolicyDenialSpendsNoTokens() throws IOException {
    String toml =
        ROOT
            + "[clients]\ndefault_profile = \"limited\"\n"
            + "[[clients.profiles]]\nname = \"limited\"\n"
            + "[[clients.profiles.rules]]\nmatch = { method = \"GET\", path = \"/_ping\" }\naction = \"allow\"\n"
            + "[clients.profiles.limits]\nrate = { tokens_per_second = 0.01, burst = 1 }\n";
    try (FakeUpstream daemon = FakeUpstream.start(FakeUpstream.Handler.json(200, "{}"));
        RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath())) {
      for (int i = 0; i < 3; i++) {
        assertEquals(403, RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status());
      }

      assertEquals(200, RawHttp.exchange("127.0.0.1", proxy.port(), get("/_ping")).status(), "the one token is left");
      assertEquals(429, RawHttp.exchange("127.0.0.1", proxy.port(), get("/_ping")).status());
    }
  }

  @Test
  void warnModeCountsThrottlingButLetsRequestsThrough() throws IOException {
    try (FakeUpstream daemon = FakeUpstream.start(FakeUpstream.Handler.json(200, "{}"));
        RunningProxy proxy =
            RunningProxy.start(limited("warn", "rate = { tokens_per_second = 0.01, burst = 1 }\n"), daemon.socketPath())) {
      for (int i = 0; i < 4; i++) {
        assertEquals(200, RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status());
      }

      Poll.until(
          Duration.ofSeconds(5),
          "a sampled throttled line",
          () -> proxy.logLines().stream().anyMatch(l -> l.contains("\"msg\":\"throttled\"")
              && l.contains("\"reason_code\":\"rate_limit_exceeded\"") && l.contains("\"mode\":\"warn\"")));
      assertEquals(4, daemon.requests().size());
    }
  }

  @Test
  void lowPriorityStopsAtHalfTheGlobalCap() throws Exception {
    HoldingDaemon holding = new HoldingDaemon();
    String toml =
        ROOT
            + "[clients]\ndefault_profile = \"batch\"\nglobal_concurrency = { max_inflight = 2 }\n"
            + "[[clients.profiles]]\nname = \"batch\"\n"
            + "[[clients.profiles.rules]]\nmatch = { method = \"*\", path = \"/**\" }\naction = \"allow\"\n"
            + "[clients.profiles.limits]\npriority = \"low\"\n";
    try (FakeUpstream daemon = FakeUpstream.start(holding);
        RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath());
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Integer> first = clients.submit(() -> RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status());
      Poll.until(Duration.ofSeconds(5), "the first request is in flight", () -> holding.current.get() == 1);

      RawHttp.Response second = RawHttp.exchange("127.0.0.1", proxy.port(), get("/info"));
      holding.release.countDown();

      assertEquals(429, second.status(), second.text());
      assertTrue(second.body().contains("\"reason\":\"priority_floor\""), second.body());
      assertEquals(200, first.get(10, TimeUnit.SECONDS));
    }
  }
}
