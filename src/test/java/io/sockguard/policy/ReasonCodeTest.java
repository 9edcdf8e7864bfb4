package io.sockguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReasonCodeTest {

  static Stream<Arguments> wireNames() {
    return Stream.of(
        Arguments.of(ReasonCode.MATCHED_DENY_RULE, "matched_deny_rule"),
        Arguments.of(ReasonCode.NO_MATCHING_ALLOW_RULE, "no_matching_allow_rule"),
        Arguments.of(ReasonCode.REQUEST_BODY_POLICY_DENIED, "request_body_policy_denied"),
        Arguments.of(ReasonCode.REQUEST_BODY_TOO_LARGE, "request_body_too_large"),
        Arguments.of(ReasonCode.UPSTREAM_SOCKET_UNREACHABLE, "upstream_socket_unreachable"),
        Arguments.of(
            ReasonCode.UPSTREAM_RESPONSE_REJECTED_BY_POLICY,
            "upstream_response_rejected_by_policy"),
        Arguments.of(ReasonCode.BAD_REQUEST, "bad_request"),
        Arguments.of(ReasonCode.UPGRADE_NOT_ALLOWED, "upgrade_not_allowed"),
        Arguments.of(ReasonCode.UPSTREAM_TIMEOUT, "upstream_timeout"),
        Arguments.of(ReasonCode.CLIENT_NOT_ALLOWED, "client_not_allowed"),
        Arguments.of(ReasonCode.RATE_LIMIT_EXCEEDED, "rate_limit_exceeded"),
        Arguments.of(ReasonCode.CONCURRENCY_CAP, "concurrency_cap"),
        Arguments.of(ReasonCode.PRIORITY_FLOOR, "priority_floor"),
        Arguments.of(ReasonCode.INTERNAL_ERROR, "internal_error"),
        Arguments.of(ReasonCode.RESOURCE_NOT_VISIBLE, "resource_not_visible"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireNames")
  void hasStableWireName(ReasonCode code, String wire) {
    assertEquals(wire, code.wire());
  }

  @Test
  void everyCodeIsPinnedAbove() {
    assertEquals(ReasonCode.values().length, wireNames().count());
    assertEquals(
        ReasonCode.values().length,
        Arrays.stream(ReasonCode.values()).map(ReasonCode::wire).distinct().count());
  }
}
