package io.sockguard.config;

import java.util.List;
import java.util.Objects;

/**
 * What request bodies may ask of the daemon ({@code [request_body]} and its sub-tables), as written; the inspect package
 * compiles it. Defaults (in {@link RequestBodyReader}) deny the dangerous shapes. Immutable.
 *
 * @param maxBytes largest body inspected; a larger one is refused with 413
 * @param insecureAllowBodyBlindWrites let allowed plugin install/upgrade and swarm init/join through, although their
 *     bodies are not inspected
 * @param containerCreate {@code [request_body.container_create]}
 * @param exec {@code [request_body.exec]}
 * @param imagePull {@code [request_body.image_pull]}
 * @param build {@code [request_body.build]}
 */
public record RequestBodyConfig(
    long maxBytes,
    boolean insecureAllowBodyBlindWrites,
    ContainerCreate containerCreate,
    Exec exec,
    ImagePull imagePull,
    Build build) {

  public RequestBodyConfig {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    Objects.requireNonNull(containerCreate, "containerCreate");
    Objects.requireNonNull(exec, "exec");
    Objects.requireNonNull(imagePull, "imagePull");
    Objects.requireNonNull(build, "build");
  }

  /**
   * {@code [request_body.container_create]}: rails for container create and update, and for swarm services'
   * {@code ContainerSpec}. Lists hold the text as written.
   */
  public record ContainerCreate(
      boolean allowPrivileged,
      boolean allowHostNetwork,
      boolean allowHostPid,
      boolean allowHostIpc,
      boolean allowHostUts,
      boolean allowHostUserns,
      boolean allowHostCgroupns,
      boolean restrictNamespaceSharing,
      List<String> allowedBindMounts,
      List<String> allowedDevices,
      boolean allowAllDevices,
      boolean allowDeviceRequests,
      List<String> allowedCapabilities,
      boolean allowAllCapabilities,
      boolean allowSysctls,
      List<String> allowedRuntimes,
      boolean denyUnconfinedSeccomp,
      boolean denyUnconfinedApparmor,
      boolean denySelinuxDisable,
      boolean denyUnconfinedSystemPaths,
      boolean requireNoNewPrivileges,
      boolean requireNonRootUser,
      boolean requireReadonlyRootfs,
      boolean requireDropAllCapabilities,
      boolean requireMemoryLimit,
      boolean requirePidsLimit,
      List<String> requiredLabels) {

    public ContainerCreate {
      allowedBindMounts = List.copyOf(allowedBindMounts);
      allowedDevices = List.copyOf(allowedDevices);
      allowedCapabilities = List.copyOf(allowedCapabilities);
      allowedRuntimes = List.copyOf(allowedRuntimes);
      requiredLabels = List.copyOf(requiredLabels);
    }
  }

  /**
   * {@code [request_body.exec]}: rails for {@code POST /containers/{id}/exec}.
   *
   * @param allowedCommands exact argv lists; empty means any command
   * @param allowedEnvVars variable names an exec may set; empty means any
   */
  public record Exec(
      boolean allowPrivileged, boolean allowRootUser, List<List<String>> allowedCommands, List<String> allowedEnvVars) {

    public Exec {
      allowedCommands = allowedCommands.stream().map(List::copyOf).toList();
      allowedEnvVars = List.copyOf(allowedEnvVars);
    }
  }

  /** {@code [request_body.image_pull]}: rails for {@code POST /images/create}. */
  public record ImagePull(
      boolean allowAllRegistries, boolean allowOfficial, List<String> allowedRegistries, boolean allowImports) {

    public ImagePull {
      allowedRegistries = List.copyOf(allowedRegistries);
    }
  }

  /** {@code [request_body.build]}: rails for {@code POST /build}'s query parameters. */
  public record Build(boolean allowRemoteContext, boolean allowHostNetwork) {}
}
