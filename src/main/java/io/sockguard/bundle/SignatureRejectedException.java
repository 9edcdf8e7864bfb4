package io.sockguard.bundle;

/**
 * The configuration may not be used because its signature is missing, malformed or made by no allowed key, or because
 * an allowed key itself is unusable. The message is one sentence for the operator naming the file and the keys.
 */
public final class SignatureRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public SignatureRejectedException(String message) {
    super(message);
  }

  public SignatureRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
