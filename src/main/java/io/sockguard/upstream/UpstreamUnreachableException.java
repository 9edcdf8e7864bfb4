package io.sockguard.upstream;

/** The daemon's socket could not be dialled; the message names the socket and the cause. */
public final class UpstreamUnreachableException extends RuntimeException {
  public UpstreamUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
