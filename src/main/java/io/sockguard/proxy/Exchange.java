package io.sockguard.proxy;

import io.sockguard.http.Framing;
import io.sockguard.http.HttpVersion;
import io.sockguard.http.RequestHead;
import io.sockguard.observe.TraceContext;
import io.sockguard.route.CanonicalPath;
import io.sockguard.route.EndpointKind;
import io.sockguard.throttle.Permit;
import java.util.concurrent.ThreadLocalRandom;

/** One request's state as it moves through the pipeline; confined to the connection's thread. */
final class Exchange {
  final RequestHead head;
  final long startNanos = System.nanoTime();
  final long clientBytesInAtStart;
  final long clientBytesOutAtStart;
  final TraceContext trace;
  final ActivePolicy active;
  CanonicalPath path;
  boolean continueSent;
  boolean upgradeNamedByRule;
  EndpointKind kind = EndpointKind.PLAIN;
  Framing requestFraming = new Framing.NoBody();
  boolean requestBodyConsumed = true;
  boolean responseStarted;
  int status;
  String decision = "allow";
  String reasonCode;
  int rule = -1;
  Profile profile;
  Permit permit;

  Exchange(RequestHead head, Session session, ActivePolicy active) {
    this.head = head;
    this.active = active;
    this.clientBytesInAtStart = session.client.in().bytesRead();
    this.clientBytesOutAtStart = session.client.out().bytesWritten();
    this.trace =
        TraceContext.of(head.headers().first("traceparent").orElse(null), ThreadLocalRandom.current());
  }

  /**
   * The body rails and answer handling for this exchange: its profile's (the composition root gives every profile
   * one, shared with the root's when it sets none), else, before a profile is known, the root's.
   */
  Profile.Judging judging() {
    if (profile != null && profile.judging() != null) {
      return profile.judging();
    }
    return new Profile.Judging(
        active.requestBody(), active.redaction(), active.verboseDenials(), active.visibility());
  }

  /** HTTP/1.1 keeps the connection unless asked not to; HTTP/1.0 only when asked to. */
  static boolean wantsKeepAlive(RequestHead head) {
    if (head.version() == HttpVersion.HTTP_1_0) {
      return head.headers().containsToken("Connection", "keep-alive");
    }
    return !head.headers().containsToken("Connection", "close");
  }
}
