package io.sockguard.route;

/** How the proxy must carry an exchange once the policy lets it through. */
public enum EndpointKind {
  /** A bounded request and response: the ordinary request timeout applies. */
  PLAIN,
  /** Long-lived or unbounded in either direction: no request timeout may apply. */
  STREAMING,
  /** The daemon takes over the connection (101 Switching Protocols or a raw hijack). */
  HIJACK
}
