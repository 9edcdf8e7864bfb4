package io.sockguard.observe;

/** Sees every request: once when it starts being handled, once when it is done. Must be thread-safe and fast. */
public interface ExchangeObserver {
  void started();

  void completed(ExchangeRecord record);

  /** A request became a hijacked stream (attach, exec): raw bytes now flow both ways until it ends. */
  default void hijackStarted() {}

  /** A hijacked stream ended; called once for each {@link #hijackStarted()}. */
  default void hijackEnded() {}

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
    };
  }
}
