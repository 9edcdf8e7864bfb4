package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves the private dockerd and the test image work on their own, before any proxy is involved.
 */
@Tag("e2e")
class DockerEnvironmentTest {

  private final PrivateDocker docker = PrivateDocker.require();
  private final DockerCli cli = docker.cli();

  @Test
  void daemonAnswersTheCliVersionCommand() {
    DockerCli.Result result = cli.run("version", "--format", "{{.Server.APIVersion}}");

    result.assertSuccess();
    assertFalse(result.out().isBlank(), result.toString());
  }

  @Test
  void runsAContainerFromTheTestImage() {
    DockerCli.Result result =
        cli.run("run", "--rm", "--network", "none", docker.image(), "echo", "hi");

    assertEquals("hi\n", result.assertSuccess().out());
  }

  @Test
  void passesStandardInputToAContainer() {
    DockerCli.Result result =
        cli.runWithStdin(
            "hello from stdin".getBytes(UTF_8),
            "run",
            "--rm",
            "-i",
            "--network",
            "none",
            docker.image(),
            "cat");

    assertEquals("hello from stdin", result.assertSuccess().out());
  }
}
