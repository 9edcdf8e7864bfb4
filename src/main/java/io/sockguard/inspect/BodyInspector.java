package io.sockguard.inspect;

import io.sockguard.policy.ReasonCode;
import io.sockguard.route.CanonicalPath;
import java.util.Locale;
import java.util.Objects;

/**
 * Judges the body (and, for pull and build, the query) of the writes that can escape to the host, against a
 * {@link RequestBodyPolicy}. Pure apart from resolving bind sources through the {@link HostFilesystem} given at
 * construction. Thread-safe; one instance serves every connection.
 *
 * <p>Contract with the pipeline: call {@link #inspects} after the route decision; when true and {@link #readsBody} is
 * true, read the whole body (refusing more than {@link RequestBodyPolicy#maxBytes()} with 413 without buffering it),
 * call {@link #inspect}, and forward exactly the bytes that were inspected, or answer the {@link Verdict.Deny}. When
 * {@link #readsBody} is false (pull, build, blind writes: their bodies are tarballs or not judged) call {@link #inspect}
 * with an empty body before streaming the real one.
 */
public final class BodyInspector {

  private final HostFilesystem filesystem;

  /** @param filesystem resolves existing bind sources through symlinks; {@link HostFilesystem#real()} in production */
  public BodyInspector(HostFilesystem filesystem) {
    this.filesystem = Objects.requireNonNull(filesystem, "filesystem");
  }

  /** Whether {@link #inspect} has something to judge for this request; when false its body may stream through. */
  public boolean inspects(String method, CanonicalPath path) {
    return BodyRoute.of(method, path) != null;
  }

  /** Whether {@link #inspect} needs the body itself, so the pipeline must buffer it; implies {@link #inspects}. */
  public boolean readsBody(String method, CanonicalPath path) {
    BodyRoute route = BodyRoute.of(method, path);
    return route != null && route.readsBody();
  }

  /** {@link #inspect(String, CanonicalPath, String, byte[], RequestBodyPolicy)} for a request without Content-Type. */
  public Verdict inspect(String method, CanonicalPath path, byte[] body, RequestBodyPolicy policy) {
    return inspect(method, path, null, body, policy);
  }

  /**
   * Judges one request. Never throws for anything the client sent: whatever cannot be read is denied.
   *
   * @param contentType the request's Content-Type field value, or null when absent
   * @param body the complete body, exactly as it will be forwarded (empty when there is none, or when {@link
   *     #readsBody} is false)
   */
  public Verdict inspect(
      String method, CanonicalPath path, String contentType, byte[] body, RequestBodyPolicy policy) {
    BodyRoute route = BodyRoute.of(method, path);
    if (route == null) {
      return Verdict.ALLOW;
    }
    if (body.length > policy.maxBytes()) {
      return new Verdict.Deny(
          ReasonCode.REQUEST_BODY_TOO_LARGE,
          "",
          "the body is larger than request_body.max_bytes (" + policy.maxBytes() + " bytes)");
    }
    try {
      refuseFormBody(contentType);
      judge(route, path, body, policy);
      return Verdict.ALLOW;
    } catch (BodyRefusal refusal) {
      return new Verdict.Deny(ReasonCode.REQUEST_BODY_POLICY_DENIED, refusal.field(), refusal.getMessage());
    }
  }

  private void judge(BodyRoute route, CanonicalPath path, byte[] body, RequestBodyPolicy policy) {
    ContainerRails containers = new ContainerRails(policy, new BindMountCheck(filesystem));
    switch (route) {
      case CONTAINER_CREATE -> containers.checkCreate(InspectedJson.parse(body));
      case CONTAINER_UPDATE -> containers.checkUpdate(InspectedJson.parse(body));
      case CONTAINER_START -> ContainerRails.checkStart(body);
      case EXEC_CREATE -> ExecRails.check(InspectedJson.parse(body), policy.config().exec());
      case IMAGE_CREATE -> QueryRails.checkImageCreate(path, policy);
      case BUILD -> QueryRails.checkBuild(path, policy);
      case VOLUME_CREATE -> containers.checkVolumeCreate(InspectedJson.parse(body));
      case SERVICE_CREATE, SERVICE_UPDATE ->
          containers.checkService(InspectedJson.parse(body), policy.config().insecureAllowBodyBlindWrites());
      case BLIND_WRITE -> {
        if (!policy.config().insecureAllowBodyBlindWrites()) {
          throw new BodyRefusal(
              "",
              "plugin install and swarm init/join carry bodies sockguard cannot judge"
                  + " (request_body.insecure_allow_body_blind_writes = false)");
        }
      }
    }
  }

  /**
   * Go's {@code Request.ParseForm}, which dockerd calls, merges a form-encoded body into the query parameters, ahead of
   * them; such a body could override {@code fromImage} or {@code remote}, and Docker's API never sends one.
   */
  private static void refuseFormBody(String contentType) {
    if (contentType == null) {
      return;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    if (media.equals("application/x-www-form-urlencoded") || media.equals("multipart/form-data")) {
      throw new BodyRefusal("", "form-encoded bodies are refused: the daemon would read them as query parameters");
    }
  }
}
