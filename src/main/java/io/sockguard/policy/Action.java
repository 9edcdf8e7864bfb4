package io.sockguard.policy;

/** What a matching {@link Rule} does with the request. */
public enum Action {
  ALLOW,
  DENY
}
