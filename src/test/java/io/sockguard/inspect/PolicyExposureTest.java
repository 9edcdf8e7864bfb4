package io.sockguard.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.policy.Action;
import io.sockguard.policy.Policy;
import io.sockguard.policy.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyExposureTest {
  private final BodyInspector inspector = new BodyInspector(HostFilesystem.real());

  private static Policy policy(Rule... rules) {
    return new Policy(List.of(rules));
  }

  @Test
  void namesTheRuleThatOpensReadExfiltrationAndTheKeyThatAcknowledgesIt() {
    Policy p =
        policy(
            new Rule(0, "GET", "/containers/json", Action.ALLOW, ""),
            new Rule(1, "GET", "/containers/*/*", Action.ALLOW, ""));
    List<String> problems = PolicyExposure.audit(p, inspector, false, false);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("rules[1] allows GET /containers/{id}/archive"), problems.get(0));
    assertTrue(problems.get(0).contains("GET /containers/{id}/logs"), problems.get(0));
    assertTrue(problems.get(0).endsWith("response.insecure_allow_read_exfiltration = true"), problems.get(0));
    assertEquals(List.of(), PolicyExposure.audit(p, inspector, true, false));
  }

  @Test
  void earlierDenyRulesCloseTheSurface() {
    Policy p =
        policy(
            new Rule(0, "*", "/containers/*/archive", Action.DENY, ""),
            new Rule(1, "*", "/containers/*/export", Action.DENY, ""),
            new Rule(2, "*", "/containers/*/logs", Action.DENY, ""),
            new Rule(3, "*", "/containers/*/attach/**", Action.DENY, ""),
            new Rule(4, "*", "/containers/*/attach", Action.DENY, ""),
            new Rule(5, "GET", "/containers/**", Action.ALLOW, ""));
    assertEquals(List.of(), PolicyExposure.audit(p, inspector, false, false));
  }

  @Test
  void refusesAllowedBlindWritesButNotInspectedOnes() {
    Policy p =
        policy(
            new Rule(0, "POST", "/containers/create", Action.ALLOW, ""),
            new Rule(1, "PUT", "/containers/*/archive", Action.ALLOW, ""));
    List<String> problems = PolicyExposure.audit(p, inspector, false, false);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("rules[1] allows PUT /containers/{id}/archive"), problems.get(0));
    assertTrue(problems.get(0).endsWith("request_body.insecure_allow_body_blind_writes = true"));
    assertEquals(List.of(), PolicyExposure.audit(p, inspector, false, true));
  }

  @Test
  void embeddedDefaultStyleReadOnlyListOpensNothing() {
    Policy p =
        policy(
            new Rule(0, "GET", "/_ping", Action.ALLOW, ""),
            new Rule(1, "GET", "/events", Action.ALLOW, ""),
            new Rule(2, "GET", "/containers/json", Action.ALLOW, ""),
            new Rule(3, "*", "/**", Action.DENY, ""));
    assertEquals(List.of(), PolicyExposure.audit(p, inspector, false, false));
  }
}
