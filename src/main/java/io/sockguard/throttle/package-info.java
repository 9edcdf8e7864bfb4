/**
 * Throttling for one profile, pure and without I/O: a {@link io.sockguard.throttle.TokenBucket} with an endpoint
 * cost table, a global {@link io.sockguard.throttle.PriorityFloor} and a per-profile
 * {@link io.sockguard.throttle.ConcurrencyGate}, composed by {@link io.sockguard.throttle.Throttle} in the order the
 * pipeline checks them (rate, then priority floor, then concurrency). Time is injected as a nanosecond clock; every
 * type is thread-safe and lock-free, and an admitted request carries a {@link io.sockguard.throttle.Permit} that the
 * pipeline closes exactly once when the response or hijacked stream ends.
 */
package io.sockguard.throttle;
