package io.sockguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyTest {

  /** Shaped like a Traefik profile: read-only discovery, with one carve-out denied first. */
  private static final Policy POLICY =
      new Policy(
          List.of(
              new Rule(1, "GET", "/containers/secret/json", Action.DENY, "hidden container"),
              new Rule(2, "GET", "/_ping", Action.ALLOW, null),
              new Rule(3, "HEAD", "/_ping", Action.ALLOW, "traefik health"),
              new Rule(4, "GET", "/containers/json", Action.ALLOW, null),
              new Rule(5, "GET", "/containers/*/json", Action.ALLOW, null),
              new Rule(6, "*", "/containers/*/exec", Action.DENY, null),
              new Rule(7, "GET", "/events", Action.ALLOW, null),
              new Rule(8, "*", "/containers/**", Action.DENY, "no container writes"),
              new Rule(9, "GET", "/containers/abc/logs", Action.ALLOW, "never reached")));

  static Stream<Arguments> decisions() {
    return Stream.of(
        // case, method, path, allowed, reason code, rule index, message
        Arguments.of("allowed ping", "GET", "/_ping", true, null, 2, null),
        Arguments.of("allowed head ping", "HEAD", "/_ping", true, null, 3, null),
        Arguments.of("allowed list", "GET", "/containers/json", true, null, 4, null),
        Arguments.of("allowed inspect", "GET", "/containers/abc/json", true, null, 5, null),
        Arguments.of(
            "earlier deny beats later allow",
            "GET",
            "/containers/secret/json",
            false,
            ReasonCode.MATCHED_DENY_RULE,
            1,
            "sockguard: GET /containers/secret/json is denied by rule 1: hidden container"),
        Arguments.of(
            "deny without reason",
            "POST",
            "/containers/abc/exec",
            false,
            ReasonCode.MATCHED_DENY_RULE,
            6,
            "sockguard: POST /containers/abc/exec is denied by rule 6"),
        Arguments.of(
            "earlier deny shadows later allow",
            "GET",
            "/containers/abc/logs",
            false,
            ReasonCode.MATCHED_DENY_RULE,
            8,
            "sockguard: GET /containers/abc/logs is denied by rule 8: no container writes"),
        Arguments.of(
            "catch-all deny after the allows",
            "POST",
            "/containers/create",
            false,
            ReasonCode.MATCHED_DENY_RULE,
            8,
            "sockguard: POST /containers/create is denied by rule 8: no container writes"),
        Arguments.of(
            "default deny",
            "POST",
            "/images/create",
            false,
            ReasonCode.NO_MATCHING_ALLOW_RULE,
            -1,
            "sockguard: POST /images/create is not allowed by policy"),
        Arguments.of(
            "head not covered by get",
            "HEAD",
            "/events",
            false,
            ReasonCode.NO_MATCHING_ALLOW_RULE,
            -1,
            "sockguard: HEAD /events is not allowed by policy"),
        Arguments.of(
            "trailing slash is another path",
            "GET",
            "/events/",
            false,
            ReasonCode.NO_MATCHING_ALLOW_RULE,
            -1,
            "sockguard: GET /events/ is not allowed by policy"),
        Arguments.of(
            "control characters never reach the message",
            "GET",
            "/x\r\nSet-Cookie: a",
            false,
            ReasonCode.NO_MATCHING_ALLOW_RULE,
            -1,
            "sockguard: GET /x??Set-Cookie: a is not allowed by policy"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decidesByFirstMatchingRule(
      String name,
      String method,
      String path,
      boolean allowed,
      ReasonCode code,
      int index,
      String message) {
    Decision decision = POLICY.decide(method, path);

    assertEquals(allowed, decision.isAllowed());
    assertEquals(code, decision.reasonCodeOrNull());
    switch (decision) {
      case Decision.Allow allow -> assertEquals(index, allow.ruleIndex());
      case Decision.Deny deny -> {
        assertEquals(index, deny.ruleIndex());
        assertEquals(message, deny.message());
      }
    }
  }

  @Test
  void emptyPolicyDeniesEverything() {
    Decision decision = new Policy(List.of()).decide("GET", "/_ping");

    assertEquals(
        new Decision.Deny(
            ReasonCode.NO_MATCHING_ALLOW_RULE,
            -1,
            "sockguard: GET /_ping is not allowed by policy"),
        decision);
  }

  @Test
  void allowCarriesRuleReason() {
    Decision decision = POLICY.decide("HEAD", "/_ping");

    assertEquals(new Decision.Allow(3, "traefik health"), decision);
    assertNull(decision.reasonCodeOrNull());
  }

  @Test
  void allowedRequestReusesOneDecision() {
    assertSame(POLICY.decide("GET", "/_ping"), POLICY.decide("GET", "/_ping"));
  }

  @Test
  void blankReasonIsNotAppended() {
    Policy policy = new Policy(List.of(new Rule(0, "*", "/**", Action.DENY, "  ")));

    Decision.Deny deny = (Decision.Deny) policy.decide("GET", "/info");

    assertEquals("sockguard: GET /info is denied by rule 0", deny.message());
  }

  @Test
  void copiesRulesSoLaterChangesDoNotLeakIn() {
    List<Rule> rules = new ArrayList<>();
    rules.add(new Rule(0, "GET", "/_ping", Action.ALLOW, null));
    Policy policy = new Policy(rules);

    rules.add(new Rule(1, "GET", "/info", Action.ALLOW, null));

    assertEquals(1, policy.rules().size());
    assertFalse(policy.decide("GET", "/info").isAllowed());
    assertThrows(UnsupportedOperationException.class, () -> policy.rules().clear());
  }

  @Test
  void nullPathIsDenied() {
    assertTrue(POLICY.decide("GET", null) instanceof Decision.Deny);
  }
}
