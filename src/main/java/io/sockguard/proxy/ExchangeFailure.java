package io.sockguard.proxy;

/** Carries a {@link Failure} out of the pipeline to the one place that answers it. */
final class ExchangeFailure extends RuntimeException {
  private final Failure failure;

  ExchangeFailure(Failure failure) {
    super(failure.toString(), null, false, false);
    this.failure = failure;
  }

  Failure failure() {
    return failure;
  }
}
