package io.sockguard.http;

/** The HTTP versions sockguard speaks on either side; anything else is answered with 505. */
public enum HttpVersion {
  HTTP_1_0("HTTP/1.0"),
  HTTP_1_1("HTTP/1.1");

  private final String wire;

  HttpVersion(String wire) {
    this.wire = wire;
  }

  /** The protocol token as written in a start line, e.g. {@code HTTP/1.1}. */
  public String wire() {
    return wire;
  }
}
