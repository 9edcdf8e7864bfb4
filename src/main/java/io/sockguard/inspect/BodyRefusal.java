package io.sockguard.inspect;

/**
 * Thrown inside the inspector when a body must be refused; {@link BodyInspector} turns it into a {@link Verdict.Deny}.
 * Carries no stack trace: it is an expected outcome, raised deep inside a walk of the body, not a bug.
 */
final class BodyRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field where in the request the problem is, such as {@code HostConfig.Binds[0]} or {@code fromImage}
   * @param message why, in words a client can act on
   */
  BodyRefusal(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  String field() {
    return field;
  }
}
