package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The private Docker daemon that {@code scripts/test} starts for end-to-end tests, described by
 * {@code SOCKGUARD_TEST_DOCKER_SOCKET} and {@code SOCKGUARD_TEST_IMAGE}.
 *
 * <p>End-to-end tests call {@link #require()} first. Without a daemon that answers, the test fails
 * rather than skips: a silently skipped e2e suite would look green while proving nothing. Immutable
 * and thread-safe.
 */
public final class PrivateDocker {

  /** Environment variable holding the daemon's unix socket path. */
  public static final String SOCKET_ENV = "SOCKGUARD_TEST_DOCKER_SOCKET";

  /** Environment variable naming the image tests run containers from. */
  public static final String IMAGE_ENV = "SOCKGUARD_TEST_IMAGE";

  /** The busybox image {@code scripts/test-dockerd} imports. */
  public static final String DEFAULT_IMAGE = "sockguard-test/busybox:latest";

  private static final String HOW_TO_RUN =
      "; run the end-to-end tests with scripts/test, which starts a private dockerd"
          + " (or: eval \"$(scripts/test-dockerd start && scripts/test-dockerd env)\")";

  private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

  private final Path socket;
  private final String image;

  private PrivateDocker(Path socket, String image) {
    this.socket = socket;
    this.image = image;
  }

  /**
   * The configured daemon after checking that it answers {@code GET /_ping}; fails the test with
   * instructions if it is not configured or does not answer.
   */
  public static PrivateDocker require() {
    String socketValue = System.getenv(SOCKET_ENV);
    if (socketValue == null || socketValue.isBlank()) {
      return fail(SOCKET_ENV + " is not set" + HOW_TO_RUN);
    }
    Path socket = Path.of(socketValue);
    if (!Files.exists(socket)) {
      return fail(SOCKET_ENV + "=" + socket + " does not exist" + HOW_TO_RUN);
    }
    String image = System.getenv().getOrDefault(IMAGE_ENV, DEFAULT_IMAGE);
    if (image.isBlank()) {
      image = DEFAULT_IMAGE;
    }
    ping(socket);
    return new PrivateDocker(socket, image);
  }

  private static void ping(Path socket) {
    byte[] request =
        "GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n".getBytes(ISO_8859_1);
    RawHttp.Response response;
    try {
      response = RawHttp.exchange(UnixDomainSocketAddress.of(socket), request, PING_TIMEOUT);
    } catch (UncheckedIOException e) {
      fail("the daemon at " + socket + " does not accept connections" + HOW_TO_RUN, e);
      return;
    }
    if (response.bytes().length == 0 || response.status() != 200) {
      fail(
          "the daemon at "
              + socket
              + " answered GET /_ping with \""
              + response.text()
              + "\""
              + HOW_TO_RUN);
    }
  }

  /** The daemon's unix socket. */
  public Path socket() {
    return socket;
  }

  /** The image to run test containers from; it has busybox and {@code CMD ["/bin/sh"]}. */
  public String image() {
    return image;
  }

  /** {@code unix://} plus the socket path, for {@code DOCKER_HOST}. */
  public String dockerHost() {
    return "unix://" + socket.toAbsolutePath();
  }

  /** A {@link DockerCli} talking to this daemon directly, bypassing sockguard. */
  public DockerCli cli() {
    return DockerCli.forHost(dockerHost());
  }
}
