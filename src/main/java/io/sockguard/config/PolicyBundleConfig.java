package io.sockguard.config;

import java.util.List;
import java.util.Objects;

/**
 * Signed configuration ({@code [policy_bundle]}). Immutable.
 *
 * @param enabled whether the configuration file must carry a valid signature before it is used
 * @param signaturePath the detached signature or cosign bundle; relative paths are resolved against the config file's
 *     directory, and {@code ""} means the config file's own path plus {@code .sig}
 * @param allowedSigningKeys PEM {@code PUBLIC KEY} blocks (SubjectPublicKeyInfo) whose signatures are accepted
 */
public record PolicyBundleConfig(boolean enabled, String signaturePath, List<String> allowedSigningKeys) {

  public PolicyBundleConfig {
    Objects.requireNonNull(signaturePath, "signaturePath");
    allowedSigningKeys = List.copyOf(allowedSigningKeys);
  }
}
