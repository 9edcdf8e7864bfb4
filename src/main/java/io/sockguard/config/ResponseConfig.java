package io.sockguard.config;

import java.util.Objects;

/**
 * The {@code [response]} section: what sockguard hides in the daemon's answers and how much a refusal explains.
 *
 * @param redactContainerEnv container inspect shows {@code NAME=<redacted>} for every environment entry (default on:
 *     environment variables carry secrets)
 * @param redactMountPaths host paths of mounts and binds are hidden
 * @param redactNetworkTopology IP, MAC and gateway addresses are hidden
 * @param denyVerbosity {@code verbose} names the rule and field in a 403 message, {@code minimal} does not
 * @param insecureAllowReadExfiltration acknowledges allow rules that expose file contents, logs or image tarballs
 *     (archive, export, logs, attach, image save); without it such rules are refused at start-up
 * @param visibleResourceLabels label selectors ({@code key} or {@code key=value}, all must match): other containers,
 *     images, networks and volumes are left out of lists and events and answer 404; empty shows everything
 */
public record ResponseConfig(
    boolean redactContainerEnv,
    boolean redactMountPaths,
    boolean redactNetworkTopology,
    String denyVerbosity,
    boolean insecureAllowReadExfiltration,
    java.util.List<String> visibleResourceLabels) {
  public ResponseConfig {
    Objects.requireNonNull(denyVerbosity, "denyVerbosity");
    visibleResourceLabels = java.util.List.copyOf(visibleResourceLabels);
  }

  public boolean isVerbose() {
    return denyVerbosity.equals("verbose");
  }
}
