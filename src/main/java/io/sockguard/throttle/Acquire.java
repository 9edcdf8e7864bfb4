package io.sockguard.throttle;

/**
 * The answer of {@link TokenBucket#tryAcquire}: granted, or refused with the whole seconds after which the same cost
 * would be granted if nobody else spent tokens meanwhile (the value for a {@code Retry-After} header).
 *
 * @param granted whether the tokens were taken
 * @param retryAfterSeconds 0 when granted, otherwise at least 1
 */
public record Acquire(boolean granted, long retryAfterSeconds) {
  /** The one granted answer; granting allocates nothing. */
  public static final Acquire GRANTED = new Acquire(true, 0);

  public Acquire {
    if (granted ? retryAfterSeconds != 0 : retryAfterSeconds < 1) {
      throw new IllegalArgumentException(
          "retryAfterSeconds must be 0 when granted and >= 1 when refused, got " + retryAfterSeconds);
    }
  }

  /** A refusal; {@code seconds >= 1}. */
  public static Acquire retryAfter(long seconds) {
    return new Acquire(false, seconds);
  }
}
