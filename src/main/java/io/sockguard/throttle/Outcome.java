package io.sockguard.throttle;

import io.sockguard.policy.ReasonCode;
import java.util.Objects;

/** What {@link Throttle#tryAdmit} decided: a closed set, so the pipeline switches over it exhaustively. */
public sealed interface Outcome {

  /** Go ahead; close the permit when the response or hijacked stream ends. */
  record Admitted(Permit permit) implements Outcome {
    public Admitted {
      Objects.requireNonNull(permit, "permit");
    }
  }

  /**
   * Answer {@code 429} with {@code reason} and a {@code Retry-After} of {@code retryAfterSeconds}. Nothing is held.
   *
   * @param reason {@code RATE_LIMIT_EXCEEDED}, {@code PRIORITY_FLOOR} or {@code CONCURRENCY_CAP}
   * @param retryAfterSeconds at least 1: for the rate limit, when the bucket will hold the cost again; for the
   *     concurrency limits, which free up when some response ends, a short hint
   */
  record Refused(ReasonCode reason, long retryAfterSeconds) implements Outcome {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      if (retryAfterSeconds < 1) {
        throw new IllegalArgumentException("retryAfterSeconds must be >= 1, got " + retryAfterSeconds);
      }
    }
  }

  /**
   * Warn or audit mode: an enforcing throttle would have refused with {@code reason}, so count and log it, then go
   * ahead. Like a refusal it takes no tokens and no slots (its permit holds nothing), so the count is what enforcing
   * would refuse for the same traffic.
   */
  record WouldRefuse(Permit permit, ReasonCode reason, long retryAfterSeconds) implements Outcome {
    public WouldRefuse {
      Objects.requireNonNull(permit, "permit");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
