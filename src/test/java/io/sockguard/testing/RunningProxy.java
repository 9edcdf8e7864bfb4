package io.sockguard.testing;

import io.sockguard.cli.Sockguard;
import io.sockguard.config.ConfigException;
import io.sockguard.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * sockguard started in-process from TOML text, listening on an ephemeral loopback port (and a unix socket when the
 * TOML names one), with its log lines captured. Closing it drains and stops it.
 */
public final class RunningProxy implements AutoCloseable {
  private final Sockguard sockguard;
  private final List<String> logLines;

  private RunningProxy(Sockguard sockguard, List<String> logLines) {
    this.sockguard = sockguard;
    this.logLines = logLines;
  }

  /**
   * Starts sockguard with {@code toml} (which must not set {@code listen.address}: it gets {@code 127.0.0.1:0})
   * in front of {@code upstreamSocket}.
   */
  public static RunningProxy start(String toml, Path upstreamSocket) {
    String socketLine = "socket = \"" + upstreamSocket + "\"\n";
    String full =
        (toml.contains("[upstream]")
                ? toml.replace("[upstream]\n", "[upstream]\n" + socketLine)
                : toml + "\n[upstream]\n" + socketLine)
            + (toml.contains("[listen]") ? "" : "[listen]\naddress = \"127.0.0.1:0\"\n");
    List<String> lines = new CopyOnWriteArrayList<>();
    try {
      return new RunningProxy(Sockguard.start(ConfigLoader.parse(full, "test.toml", Map.of()), lines::add), lines);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.problems().toString(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public InetSocketAddress address() {
    return sockguard.tcpAddress().orElseThrow();
  }

  public int port() {
    return address().getPort();
  }

  public String dockerHost() {
    return "tcp://127.0.0.1:" + port();
  }

  public Path socketPath() {
    return sockguard.socketPath().orElseThrow();
  }

  public List<String> logLines() {
    return logLines;
  }

  public Sockguard sockguard() {
    return sockguard;
  }

  @Override
  public void close() {
    sockguard.close();
  }
}
