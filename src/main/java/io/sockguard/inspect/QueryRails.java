package io.sockguard.inspect;

import io.sockguard.config.RequestBodyConfig;
import io.sockguard.route.CanonicalPath;

/**
 * Rails on query parameters: {@code POST /images/create} ({@code [request_body.image_pull]}) and {@code POST /build}
 * ({@code [request_body.build]}). Parameters are read as dockerd reads them ({@link CanonicalPath#queryParam}: first
 * value, Go's decoding). Stateless.
 */
final class QueryRails {

  private QueryRails() {}

  /**
   * dockerd pulls when {@code fromImage} is non-empty and imports ({@code fromSrc}: a URL, or {@code -} for the
   * body) otherwise.
   */
  static void checkImageCreate(CanonicalPath path, RequestBodyPolicy policy) {
    RequestBodyConfig.ImagePull settings = policy.config().imagePull();
    String image = path.queryParam("fromImage");
    if (image == null || image.isEmpty()) {
      if (!settings.allowImports()) {
        throw new BodyRefusal("fromSrc", "image import is refused (request_body.image_pull.allow_imports = false)");
      }
      return;
    }
    if (settings.allowAllRegistries()) {
      return;
    }
    String canonical;
    try {
      canonical = ImageReference.canonical(image);
    } catch (IllegalArgumentException e) {
      throw new BodyRefusal("fromImage", InspectedJson.quote(image) + " is not a valid image reference");
    }
    if (settings.allowOfficial() && ImageReference.isOfficial(canonical)) {
      return;
    }
    for (String prefix : policy.allowedRegistries()) {
      if (ImageReference.isUnder(canonical, prefix)) {
        return;
      }
    }
    throw new BodyRefusal("fromImage", InspectedJson.quote(canonical) + " is not an allowed image"
        + " (request_body.image_pull: allow_official, allowed_registries, allow_all_registries)");
  }

  static void checkBuild(CanonicalPath path, RequestBodyPolicy policy) {
    RequestBodyConfig.Build settings = policy.config().build();
    String remote = path.queryParam("remote");
    if (remote != null && !remote.isEmpty() && !settings.allowRemoteContext()) {
      throw new BodyRefusal("remote", "a remote build context is refused (request_body.build.allow_remote_context"
          + " = false)");
    }
    String network = path.queryParam("networkmode");
    if ("host".equals(network) && !settings.allowHostNetwork()) {
      throw new BodyRefusal("networkmode", "building on the host network is refused"
          + " (request_body.build.allow_host_network = false)");
    }
    if (network != null && network.startsWith("container:")
        && policy.config().containerCreate().restrictNamespaceSharing()) {
      throw new BodyRefusal("networkmode", "building in another container's network is refused"
          + " (request_body.container_create.restrict_namespace_sharing = true)");
    }
  }
}
