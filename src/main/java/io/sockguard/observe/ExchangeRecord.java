package io.sockguard.observe;

/**
 * What happened to one request, as the access log and the metrics see it. Immutable.
 *
 * @param rawPath the request target's path as received (attacker-controlled; escaped when logged)
 * @param normalizedPath the canonical path the policy judged, or null when the target was refused before that
 * @param route the bounded route template (metrics label)
 * @param decision {@code allow}, {@code deny}, {@code would_deny} or {@code error}
 * @param reasonCode the wire reason code, or null for a plain allow
 * @param rule the matched rule index, or -1
 * @param profile the caller's profile ({@code default} for the root policy, {@code none} for a refused caller)
 * @param mode the mode the decision was taken under: {@code enforce} for every real denial (admission, policy, body),
 *     otherwise the profile's mode ({@code warn} or {@code audit} for a {@code would_deny})
 */
public record ExchangeRecord(
    String method,
    String rawPath,
    String normalizedPath,
    String route,
    int status,
    String decision,
    String reasonCode,
    int rule,
    long durationNanos,
    long bytesIn,
    long bytesOut,
    String client,
    String profile,
    TraceContext trace,
    String mode) {}
