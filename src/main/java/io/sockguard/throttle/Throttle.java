package io.sockguard.throttle;

import io.sockguard.policy.ReasonCode;
import java.util.Objects;

/**
 * One profile's throttle: the checks of issue 4 in the pipeline's order, <em>rate → priority floor → concurrency</em>,
 * each optional (a profile without limits admits everything and allocates nothing). Build with {@link #builder()}.
 *
 * <p>A refused request holds nothing afterwards: tokens taken by the rate check are refunded when a later check
 * refuses, and a global slot is given back when the profile's own cap refuses. An admitted request holds its slots in
 * the returned {@link Permit} until the caller closes it. In count-only mode (the profile's {@code warn} or
 * {@code audit}) the first check that would refuse ends the checks with {@link Outcome.WouldRefuse}, which takes
 * nothing, exactly like the refusal it stands for.
 *
 * <p>Thread-safe and lock-free: one instance serves every connection of its profile; the {@link PriorityFloor} is
 * shared by all profiles' throttles.
 */
public final class Throttle {
  private static final long CONCURRENCY_RETRY_SECONDS = 1;
  private static final Outcome.Admitted ADMITTED_HOLDING_NOTHING = new Outcome.Admitted(Permit.NONE);
  private static final Outcome.Refused PRIORITY_FLOOR_REFUSED =
      new Outcome.Refused(ReasonCode.PRIORITY_FLOOR, CONCURRENCY_RETRY_SECONDS);
  private static final Outcome.Refused CONCURRENCY_CAP_REFUSED =
      new Outcome.Refused(ReasonCode.CONCURRENCY_CAP, CONCURRENCY_RETRY_SECONDS);
  private static final Outcome.WouldRefuse PRIORITY_FLOOR_COUNTED =
      new Outcome.WouldRefuse(Permit.NONE, ReasonCode.PRIORITY_FLOOR, CONCURRENCY_RETRY_SECONDS);
  private static final Outcome.WouldRefuse CONCURRENCY_CAP_COUNTED =
      new Outcome.WouldRefuse(Permit.NONE, ReasonCode.CONCURRENCY_CAP, CONCURRENCY_RETRY_SECONDS);

  /** A throttle that admits everything. */
  public static final Throttle UNLIMITED = builder().build();

  private final TokenBucket bucket;
  private final EndpointCosts costs;
  private final PriorityFloor floor;
  private final Priority priority;
  private final ConcurrencyGate gate;
  private final boolean enforcing;

  private Throttle(Builder builder) {
    this.bucket = builder.bucket;
    this.costs = builder.costs;
    this.floor = builder.floor;
    this.priority = builder.priority;
    this.gate = builder.gate;
    this.enforcing = builder.enforcing;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether refusals are enforced ({@code enforce}) or only reported ({@code warn}, {@code audit}). */
  public boolean isEnforcing() {
    return enforcing;
  }

  /**
   * Runs the checks for one request the policy has allowed (or would have denied in warn or audit mode).
   *
   * @param method the request method as received
   * @param canonicalPath the canonical path without version prefix, for the endpoint cost table
   */
  public Outcome tryAdmit(String method, String canonicalPath) {
    int cost = 0;
    if (bucket != null) {
      int wanted = costs.costOf(method, canonicalPath);
      Acquire acquire = bucket.tryAcquire(wanted);
      if (!acquire.granted()) {
        return enforcing
            ? new Outcome.Refused(ReasonCode.RATE_LIMIT_EXCEEDED, acquire.retryAfterSeconds())
            : new Outcome.WouldRefuse(Permit.NONE, ReasonCode.RATE_LIMIT_EXCEEDED, acquire.retryAfterSeconds());
      }
      cost = wanted;
    }
    if (floor != null && !floor.tryTake(priority)) {
      refund(cost);
      return enforcing ? PRIORITY_FLOOR_REFUSED : PRIORITY_FLOOR_COUNTED;
    }
    if (gate != null && !gate.tryTake()) {
      if (floor != null) {
        floor.release();
      }
      refund(cost);
      return enforcing ? CONCURRENCY_CAP_REFUSED : CONCURRENCY_CAP_COUNTED;
    }
    if (floor == null && gate == null) {
      return ADMITTED_HOLDING_NOTHING;
    }
    return new Outcome.Admitted(new Permit(floor, gate));
  }

  private void refund(int cost) {
    if (cost > 0) {
      bucket.refund(cost);
    }
  }

  /** Collects the optional parts; {@link #build()} checks that they fit together. Not thread-safe. */
  public static final class Builder {
    private TokenBucket bucket;
    private EndpointCosts costs = EndpointCosts.NONE;
    private PriorityFloor floor;
    private Priority priority = Priority.NORMAL;
    private ConcurrencyGate gate;
    private boolean enforcing = true;

    private Builder() {}

    /** {@code limits.rate}: the profile's bucket and its endpoint cost table. */
    public Builder rate(TokenBucket bucket, EndpointCosts costs) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      this.costs = Objects.requireNonNull(costs, "costs");
      return this;
    }

    /** {@code clients.global_concurrency} (shared by all profiles) and this profile's {@code limits.priority}. */
    public Builder priorityFloor(PriorityFloor floor, Priority priority) {
      this.floor = Objects.requireNonNull(floor, "floor");
      this.priority = Objects.requireNonNull(priority, "priority");
      return this;
    }

    /** {@code limits.concurrency}: the profile's own gate. */
    public Builder concurrency(ConcurrencyGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /** False for {@code warn} and {@code audit} profiles: count what would be refused, admit it anyway. */
    public Builder enforcing(boolean enforcing) {
      this.enforcing = enforcing;
      return this;
    }

    /**
     * @throws IllegalArgumentException when an endpoint cost exceeds the bucket's burst (it could never be granted)
     */
    public Throttle build() {
      if (bucket != null && costs.maxCost() > bucket.burst()) {
        throw new IllegalArgumentException(
            "endpoint cost " + costs.maxCost() + " exceeds the burst " + bucket.burst()
                + "; such a request could never be admitted");
      }
      return new Throttle(this);
    }
  }
}
