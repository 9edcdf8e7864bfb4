package io.sockguard.proxy;

import io.sockguard.inspect.LabelSelector;
import io.sockguard.inspect.RedactionPolicy;
import io.sockguard.inspect.RequestBodyPolicy;
import io.sockguard.policy.Policy;

/**
 * Everything a request is judged by, compiled and immutable: one snapshot is read when a request starts and used to
 * its end, so a reload never mixes old rules with new body rails.
 *
 * @param rules the root rules (profile {@code default})
 * @param verboseDenials whether a 403 names the rule and field ({@code response.deny_verbosity})
 * @param visibility which resources the caller may see ({@code response.visible_resource_labels})
 * @param profiles every profile by name, the root rules among them as {@code default}
 */
public record ActivePolicy(
    Policy rules,
    RequestBodyPolicy requestBody,
    RedactionPolicy redaction,
    boolean verboseDenials,
    LabelSelector visibility,
    Profiles profiles) {

  /** With the root rules as the only profile. */
  public ActivePolicy(
      Policy rules,
      RequestBodyPolicy requestBody,
      RedactionPolicy redaction,
      boolean verboseDenials,
      LabelSelector visibility) {
    this(rules, requestBody, redaction, verboseDenials, visibility, Profiles.rootOnly(rules));
  }
}
