package io.sockguard.policy;

/**
 * Why a request was refused or cut short. The {@link #wire()} name is a stable API: it appears in
 * the JSON reply's {@code reason_code}, in log events and as a metric label, so constants may be
 * renamed but wire names never change.
 */
public enum ReasonCode {
  MATCHED_DENY_RULE("matched_deny_rule"),
  NO_MATCHING_ALLOW_RULE("no_matching_allow_rule"),
  REQUEST_BODY_POLICY_DENIED("request_body_policy_denied"),
  REQUEST_BODY_TOO_LARGE("request_body_too_large"),
  UPSTREAM_SOCKET_UNREACHABLE("upstream_socket_unreachable"),
  UPSTREAM_RESPONSE_REJECTED_BY_POLICY("upstream_response_rejected_by_policy"),
  BAD_REQUEST("bad_request"),
  UPGRADE_NOT_ALLOWED("upgrade_not_allowed"),
  UPSTREAM_TIMEOUT("upstream_timeout"),
  CLIENT_NOT_ALLOWED("client_not_allowed"),
  RATE_LIMIT_EXCEEDED("rate_limit_exceeded"),
  CONCURRENCY_CAP("concurrency_cap"),
  PRIORITY_FLOOR("priority_floor"),
  INTERNAL_ERROR("internal_error"),
  RESOURCE_NOT_VISIBLE("resource_not_visible");

  private final String wire;

  ReasonCode(String wire) {
    this.wire = wire;
  }

  /** The stable snake_case name used on the wire, in logs and in metric labels. */
  public String wire() {
    return wire;
  }
}
