package io.sockguard.inspect;

import io.sockguard.policy.Decision;
import io.sockguard.policy.Policy;
import io.sockguard.route.CanonicalPath;
import io.sockguard.route.PathCanonicalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up audit of what a rule list would let through that no rail can check: reads that carry file contents,
 * logs or image tarballs out (which a body policy cannot redact), and body-bearing writes no inspector understands.
 * Each needs its explicit {@code insecure_*} acknowledgement; otherwise the audit names the rule that opens it.
 * Probing is done with representative requests through the real policy, so rule order and deny rules count.
 */
public final class PolicyExposure {
  private record Probe(String method, String path, String what) {}

  private static final List<Probe> READ_EXFILTRATION =
      List.of(
          new Probe("GET", "/containers/c0ffee/archive", "container file contents (docker cp out)"),
          new Probe("HEAD", "/containers/c0ffee/archive", "container file metadata"),
          new Probe("GET", "/containers/c0ffee/export", "a container's whole filesystem"),
          new Probe("GET", "/containers/c0ffee/logs", "container logs"),
          new Probe("POST", "/containers/c0ffee/attach", "a container's live output and input"),
          new Probe("GET", "/containers/c0ffee/attach/ws", "a container's live output and input"),
          new Probe("GET", "/images/get", "image tarballs (docker save)"),
          new Probe("GET", "/images/example/get", "image tarballs (docker save)"),
          new Probe("GET", "/services/c0ffee/logs", "service logs"),
          new Probe("GET", "/tasks/c0ffee/logs", "task logs"),
          new Probe("GET", "/secrets/c0ffee", "secret metadata"),
          new Probe("GET", "/configs/c0ffee", "config contents"));

  private static final List<Probe> BLIND_WRITES =
      List.of(
          new Probe("PUT", "/containers/c0ffee/archive", "files written into a container (docker cp in)"),
          new Probe("POST", "/images/load", "image tarballs loaded into the daemon"),
          new Probe("POST", "/commit", "new images built from a container with a new config"),
          new Probe("POST", "/networks/create", "network definitions"),
          new Probe("POST", "/networks/c0ffee/connect", "container network attachments"),
          new Probe("POST", "/secrets/create", "swarm secrets"),
          new Probe("POST", "/configs/create", "swarm configs"),
          new Probe("POST", "/session", "BuildKit sessions (host access during builds)"),
          new Probe("POST", "/grpc", "BuildKit gRPC"));

  private PolicyExposure() {}

  /** Problems, each naming the rule and the surface it opens, and the key that would acknowledge it. */
  public static List<String> audit(
      Policy policy, BodyInspector inspector, boolean allowReadExfiltration, boolean allowBlindWrites) {
    List<String> problems = new ArrayList<>();
    if (!allowReadExfiltration) {
      for (Probe probe : READ_EXFILTRATION) {
        check(policy, probe, "response.insecure_allow_read_exfiltration", problems);
      }
    }
    if (!allowBlindWrites) {
      for (Probe probe : BLIND_WRITES) {
        CanonicalPath path = PathCanonicalizer.canonicalize(probe.path());
        if (!inspector.inspects(probe.method(), path)) {
          check(policy, probe, "request_body.insecure_allow_body_blind_writes", problems);
        }
      }
    }
    return problems;
  }

  private static void check(Policy policy, Probe probe, String key, List<String> problems) {
    if (policy.decide(probe.method(), probe.path()) instanceof Decision.Allow allow) {
      String prefix = "rules[" + allow.ruleIndex() + "] allows ";
      String surface =
          probe.method()
              + " "
              + probe.path().replace("c0ffee", "{id}").replace("example", "{name}")
              + " ("
              + probe.what()
              + ")";
      String suffix = "; narrow the rule or set " + key + " = true";
      for (int i = 0; i < problems.size(); i++) {
        String existing = problems.get(i);
        if (existing.startsWith(prefix) && existing.endsWith(suffix)) {
          problems.set(i, existing.substring(0, existing.length() - suffix.length()) + ", " + surface + suffix);
          return;
        }
      }
      problems.add(prefix + surface + suffix);
    }
  }
}
