package io.sockguard.inspect;

import io.sockguard.config.RequestBodyConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The compiled form of {@link RequestBodyConfig}: the settings as written plus the lists normalised the way the daemon
 * will read the body (capability names as {@code CAP_X}, registries canonical). Immutable and thread-safe; build it
 * with {@link #compile} once per configuration load.
 *
 * @param config the settings as written
 * @param allowedCapabilities {@code container_create.allowed_capabilities} normalised, plus Docker's default set
 *     (adding a capability a container already has changes nothing)
 * @param allowedRegistries {@code image_pull.allowed_registries} canonical: {@code docker.io/myorg}, {@code ghcr.io}
 */
public record RequestBodyPolicy(
    RequestBodyConfig config, Set<String> allowedCapabilities, List<String> allowedRegistries) {

  public RequestBodyPolicy {
    Objects.requireNonNull(config, "config");
    allowedCapabilities = Set.copyOf(allowedCapabilities);
    allowedRegistries = List.copyOf(allowedRegistries);
  }

  /** Normalises {@code config}'s lists. */
  public static RequestBodyPolicy compile(RequestBodyConfig config) {
    Set<String> capabilities = new LinkedHashSet<>(Capabilities.DOCKER_DEFAULT);
    config.containerCreate().allowedCapabilities().forEach(c -> capabilities.add(Capabilities.normalize(c)));
    List<String> registries = config.imagePull().allowedRegistries().stream().map(ImageReference::canonicalPrefix).toList();
    return new RequestBodyPolicy(config, capabilities, registries);
  }

  /** {@code request_body.max_bytes}: the wiring refuses larger bodies with 413 before inspecting them. */
  public long maxBytes() {
    return config.maxBytes();
  }
}
