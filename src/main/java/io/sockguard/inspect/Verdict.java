package io.sockguard.inspect;

import io.sockguard.policy.ReasonCode;
import java.util.Objects;

/** What {@link BodyInspector} concluded about one request body. Immutable. */
public sealed interface Verdict {

  /** The body may be forwarded unchanged. */
  record Allow() implements Verdict {}

  /**
   * The body must not reach the daemon.
   *
   * @param reasonCode {@link ReasonCode#REQUEST_BODY_POLICY_DENIED}, or {@link ReasonCode#REQUEST_BODY_TOO_LARGE}
   * @param field where the problem is: a body path such as {@code HostConfig.Binds[0]}, a query parameter such as
   *     {@code fromImage}, or {@code ""} for the body as a whole
   * @param message why, naming the setting that would allow it; safe to show the client
   */
  record Deny(ReasonCode reasonCode, String field, String message) implements Verdict {

    public Deny {
      Objects.requireNonNull(reasonCode, "reasonCode");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The one {@link Allow}. */
  Allow ALLOW = new Allow();
}
