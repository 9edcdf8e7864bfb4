package io.sockguard.observe;

/** Sees every request: once when it starts being handled, once when it is done. Must be thread-safe and fast. */
public interface ExchangeObserver {
  void started();

  void completed(ExchangeRecord record);

  /** A request became a hijacked stream (attach, exec): raw bytes now flow both ways until it ends. */
  default void hijackStarted() {}

  /** A hijacked stream ended; called once for each {@link #hijackStarted()}. */
  default void hijackEnded() {}

  /**
   * The throttle refused a request ({@code mode} {@code enforce}), or would have ({@code warn}, {@code audit}).
   *
   * @param reasonCode {@code rate_limit_exceeded}, {@code concurrency_cap} or {@code priority_floor}
   */
  default void throttled(String client, String profile, String reasonCode, String mode) {}

  /** A request of {@code profile} took a concurrency slot; {@link #inflightEnded} follows exactly once. */
  default void inflightStarted(String profile) {}

  /** The slot taken for {@link #inflightStarted} was given back. */
  default void inflightEnded(String profile) {}

  /** Calls each observer in order. */
  static ExchangeObserver all(ExchangeObserver... observers) {
    return new ExchangeObserver() {
      @Override
      public void started() {
        for (ExchangeObserver o : observers) {
          o.started();
        }
      }

      @Override
      public void completed(ExchangeRecord record) {
        for (ExchangeObserver o : observers) {
          o.completed(record);
        }
      }

      @Override
      public void hijackStarted() {
        for (ExchangeObserver o : observers) {
          o.hijackStarted();
        }
      }

      @Override
      public void hijackEnded() {
        for (ExchangeObserver o : observers) {
          o.hijackEnded();
        }
      }

      @Override
      public void throttled(String client, String profile, String reasonCode, String mode) {
        for (ExchangeObserver o : observers) {
          o.throttled(client, profile, reasonCode, mode);
        }
      }

      @Override
      public void inflightStarted(String profile) {
        for (ExchangeObserver o : observers) {
          o.inflightStarted(profile);
        }
      }

      @Override
      public void inflightEnded(String profile) {
        for (ExchangeObserver o : observers) {
          o.inflightEnded(profile);
        }
      }
    };
  }
}
