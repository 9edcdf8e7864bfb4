package io.sockguard.proxy;

import io.sockguard.http.BodyStreams;
import io.sockguard.http.ChunkedOutputStream;
import io.sockguard.http.Framing;
import io.sockguard.http.HeadReader;
import io.sockguard.http.HeadWriter;
import io.sockguard.http.HeaderFields;
import io.sockguard.http.HopByHop;
import io.sockguard.http.HttpLimits;
import io.sockguard.http.HttpProtocolException;
import io.sockguard.http.HttpVersion;
import io.sockguard.http.RequestHead;
import io.sockguard.identify.Caller;
import io.sockguard.http.ResponseHead;
import io.sockguard.listen.Deadlines;
import io.sockguard.observe.ExchangeObserver;
import io.sockguard.observe.ExchangeRecord;
import io.sockguard.policy.Decision;
import io.sockguard.policy.Mode;
import io.sockguard.throttle.Outcome;
import io.sockguard.throttle.Permit;
import io.sockguard.inspect.BodyInspector;
import io.sockguard.inspect.LabelSelector;
import io.sockguard.inspect.Visibility;
import io.sockguard.inspect.RequestBodyPolicy;
import io.sockguard.inspect.Verdict;
import io.sockguard.policy.ReasonCode;
import io.sockguard.relay.BodyRelay;
import io.sockguard.route.CanonicalPath;
import io.sockguard.route.EndpointKind;
import io.sockguard.route.LocalRoutes;
import io.sockguard.route.Endpoints;
import io.sockguard.route.PathCanonicalizer;
import io.sockguard.route.PathRejectedException;
import io.sockguard.route.RouteTemplate;
import io.sockguard.upstream.UpstreamConnection;
import io.sockguard.upstream.UpstreamDialer;
import io.sockguard.upstream.UpstreamUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The request pipeline: one exchange from a parsed request head to the end of its response. {@link #handle} reads as
 * the steps in order; each refusal is thrown as a {@link Failure} and answered in one place. Thread-safe: one
 * instance serves every connection; per-request state lives in {@link Exchange}.
 */
public final class ProxyHandler {
  /** How long, and how many bytes of an unread request body, a refused connection drains before it closes. */
  private static final long LINGER_NANOS = 2_000_000_000L;

  private static final long LINGER_BYTES = 1 << 20;

  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Supplier<ActivePolicy> policy;
  private final BodyInspector inspector;
  private final UpstreamDialer dialer;
  private final Duration requestTimeout;
  private final HttpLimits limits;
  private final LocalRoutes localRoutes;
  private final ExchangeObserver observer;
  private final ResponseRelay responses;

  /**
   * @param policy the current snapshot, profiles included (read once per request, so a reload applies to the next
   *     request while the caller keeps the profile it was given when it connected)
   * @param requestTimeout limit for a finite request's response head, or null for none
   */
  public ProxyHandler(
      Supplier<ActivePolicy> policy,
      BodyInspector inspector,
      UpstreamDialer dialer,
      Duration requestTimeout,
      HttpLimits limits,
      LocalRoutes localRoutes,
      ExchangeObserver observer) {
    this.policy = policy;
    this.inspector = inspector;
    this.dialer = dialer;
    this.requestTimeout = requestTimeout;
    this.limits = limits;
    this.localRoutes = localRoutes;
    this.observer = observer;
    this.responses = new ResponseRelay(limits, observer, Duration.ofSeconds(2));
  }



  /**
   * Handles one request whose head has been read. Returns whether the connection may carry another request.
   * Throws IOException only when the client connection itself failed.
   */
  boolean handle(Session session, RequestHead head) throws IOException {
    Exchange ex = new Exchange(head, session, policy.get());
    ex.path = canonicalize(head);
    if (ex.path != null && session.caller instanceof Caller.Admitted) {
      LocalRoutes.LocalResponse local = localRoutes.answer(head, ex.path);
      if (local != null) {
        return answerLocally(session, ex, local);
      }
    }
    observer.started();
    boolean keepAlive = false;
    try {
      keepAlive = proxy(session, ex) && !session.draining && Exchange.wantsKeepAlive(head);
      return keepAlive;
    } catch (ExchangeFailure failure) {
      keepAlive = reply(session, ex, failure.failure());
      return keepAlive;
    } finally {
      session.state = Session.State.IDLE;
      release(ex);
      observer.completed(record(session, ex));
    }
  }

  /** Answers a request whose head could not be parsed, logs it, and leaves the connection to be closed. */
  void refuseMalformed(Session session, HttpProtocolException e) throws IOException {
    RequestHead placeholder = new RequestHead("-", "-", HttpVersion.HTTP_1_1, HeaderFields.empty());
    Exchange ex = new Exchange(placeholder, session, policy.get());
    observer.started();
    try {
      reply(session, ex, new Failure.BadRequest(e.status(), e.getMessage()));
    } finally {
      observer.completed(record(session, ex));
    }
  }

  /** The pipeline proper; returns false when the connection must close after this exchange. */
  private boolean proxy(Session session, Exchange ex) throws IOException {
    admit(session, ex);
    if (ex.path == null) {
      throw new ExchangeFailure(new Failure.BadRequest(400, "malformed request path"));
    }
    ex.requestFraming = requestFraming(ex.head);
    ex.requestBodyConsumed = ex.requestFraming instanceof Framing.NoBody;
    ex.kind = Endpoints.classify(ex.head.method(), ex.path);
    decide(ex);
    refuseUnexpectedUpgrade(ex);
    byte[] inspectedBody = inspectBody(session, ex);
    refuseHiddenResource(ex);
    throttle(session, ex);
    session.state = ex.kind == EndpointKind.PLAIN ? Session.State.FINITE : Session.State.STREAMING;
    UpstreamConnection upstream = forward(session, ex, true, inspectedBody);
    ResponseHead response = upstream == null ? null : awaitResponse(session, upstream, ex);
    if (response == null) {
      // the paired connection had gone stale; nothing reached a live daemon, so one fresh attempt is safe
      upstream = forward(session, ex, false, inspectedBody);
      response = awaitResponse(session, upstream, ex);
      if (response == null) {
        throw new ExchangeFailure(new Failure.UpstreamUnreachable("daemon closed the connection before answering"));
      }
    }
    ex.status = response.status();
    if (ResponseRelay.isHijack(ex, response)) {
      return responses.hijack(session, upstream, ex, response);
    }
    return responses.relay(session, upstream, ex, response);
  }

  private static CanonicalPath canonicalize(RequestHead head) {
    try {
      return PathCanonicalizer.canonicalize(head.target());
    } catch (PathRejectedException e) {
      return null;
    }
  }

  private static Framing requestFraming(RequestHead head) {
    try {
      return Framing.ofRequest(head);
    } catch (HttpProtocolException e) {
      throw new ExchangeFailure(new Failure.BadRequest(e.status(), e.getMessage()));
    }
  }

  /** Only routes that hijack may upgrade; anything else asking to is refused before the policy runs. */
  private static void refuseUnexpectedUpgrade(Exchange ex) {
    boolean asksUpgrade =
        ex.head.headers().contains("Upgrade") || ex.head.headers().containsToken("Connection", "upgrade");
    if (!asksUpgrade || ex.kind == EndpointKind.HIJACK) {
      return;
    }
    if (!ex.upgradeNamedByRule) {
      throw new ExchangeFailure(new Failure.UpgradeRefused(ex.head.method(), ex.path.path()));
    }
    // the allow rule names the upgrade (match.upgrade = true): relay it like dockerd's own hijacks
    ex.kind = EndpointKind.HIJACK;
  }

  /**
   * Refuses a caller that identification did not admit, before anything about the request is looked at, and finds
   * the admitted caller's profile in the current snapshot (failing closed if a reload removed it).
   */
  private void admit(Session session, Exchange ex) {
    switch (session.caller) {
      case Caller.Refused refused -> throw new ExchangeFailure(new Failure.ClientNotAllowed(refused.message()));
      case Caller.Admitted admitted -> {
        ex.profile = ex.active.profiles().get(admitted.profile());
        if (ex.profile == null) {
          throw new ExchangeFailure(new Failure.Internal("profile " + admitted.profile() + " is not configured"));
        }
      }
    }
  }

  /**
   * The profile's throttle, in its own order: rate, priority floor, concurrency cap. It runs after every policy check,
   * so a request the policy refuses never spends tokens or holds a slot. An admitted request holds its slots until
   * {@link #release} at the end of {@link #handle}, that is when the response, stream or hijack has ended, on every
   * path out. In warn and audit mode a refusal is only counted and logged.
   */
  private void throttle(Session session, Exchange ex) {
    switch (ex.profile.throttle().tryAdmit(ex.head.method(), ex.path.path())) {
      case Outcome.Admitted admitted -> hold(ex, admitted.permit());
      case Outcome.WouldRefuse would -> {
        observer.throttled(
            session.client.identity().describe(), ex.profile.name(), would.reason().wire(), ex.profile.mode().wire());
        hold(ex, would.permit());
      }
      case Outcome.Refused refused -> {
        observer.throttled(
            session.client.identity().describe(), ex.profile.name(), refused.reason().wire(), Mode.ENFORCE.wire());
        throw new ExchangeFailure(
            new Failure.Throttled(refused.reason(), refused.retryAfterSeconds(), ex.profile.name()));
      }
    }
  }

  private void hold(Exchange ex, Permit permit) {
    if (permit != Permit.NONE) {
      ex.permit = permit;
      observer.inflightStarted(ex.profile.name());
    }
  }

  private void release(Exchange ex) {
    if (ex.permit != null) {
      ex.permit.close();
      ex.permit = null;
      observer.inflightEnded(ex.profile.name());
    }
  }

  /** The profile's policy decides; in warn and audit mode a denial is recorded as {@code would_deny} and let through. */
  private void decide(Exchange ex) {
    Decision decision = ex.profile.policy().decide(ex.head.method(), ex.path.path());
    switch (decision) {
      case Decision.Allow allow -> {
        ex.rule = allow.ruleIndex();
        ex.upgradeNamedByRule = allow.allowsUpgrade();
      }
      case Decision.Deny deny -> {
        ex.rule = deny.ruleIndex();
        if (ex.profile.mode().isEnforcing()) {
          throw new ExchangeFailure(new Failure.Denied(deny));
        }
        ex.decision = "would_deny";
        ex.reasonCode = deny.reasonCode().wire();
      }
    }
  }

  /**
   * Judges the body of the writes {@code [request_body]} covers, before the daemon sees a byte: bodies are read
   * whole (bounded by {@code request_body.max_bytes}), judged, and exactly those bytes are forwarded with a fresh
   * {@code Content-Length}, so what was inspected is what the daemon decodes. Encoded and form-encoded bodies are
   * refused everywhere: the first cannot be inspected, the second dockerd would merge into the query parameters.
   * Returns the inspected bytes, or null when the body streams through unjudged.
   */
  private byte[] inspectBody(Session session, Exchange ex) throws IOException {
    boolean hasBody = !(ex.requestFraming instanceof Framing.NoBody);
    if (hasBody) {
      refuseUninspectableEncodings(ex.head);
    }
    if (!inspector.inspects(ex.head.method(), ex.path)) {
      return null;
    }
    RequestBodyPolicy rails = ex.judging().requestBody();
    byte[] body = new byte[0];
    if (hasBody && inspector.readsBody(ex.head.method(), ex.path)) {
      if (ex.requestFraming instanceof Framing.FixedLength fixed && fixed.length() > rails.maxBytes()) {
        throw tooLarge(rails);
      }
      sendContinueIfExpected(session, ex);
      body = BodyStreams.readAtMost(BodyStreams.decoding(session.client.in(), ex.requestFraming, limits), rails.maxBytes());
      if (body == null) {
        throw tooLarge(rails);
      }
      ex.requestBodyConsumed = true;
      ex.requestFraming = body.length == 0 ? new Framing.NoBody() : new Framing.FixedLength(body.length);
    }
    String contentType = ex.head.headers().first("Content-Type").orElse(null);
    Verdict verdict = inspector.inspect(ex.head.method(), ex.path, contentType, body, rails);
    if (verdict instanceof Verdict.Deny deny) {
      throw new ExchangeFailure(new Failure.BodyDenied(deny));
    }
    return ex.requestBodyConsumed && hasBody ? body : null;
  }

  /**
   * With {@code response.visible_resource_labels}, a request naming one container, image, network or volume is
   * preceded by sockguard's own inspect of it; a hidden one is answered 404 as if it did not exist, and the request
   * never reaches the daemon. A resource the daemon does not know is left to the daemon's own 404.
   */
  private void refuseHiddenResource(Exchange ex) {
    LabelSelector selector = ex.judging().visibility();
    if (selector.isEmpty()) {
      return;
    }
    Visibility.Resource resource = Visibility.resourceOf(ex.path);
    if (resource == null) {
      return;
    }
    DaemonLookup.Answer answer;
    try {
      answer =
          DaemonLookup.get(dialer, new CanonicalPath("", resource.inspectTarget(), null).forwardTarget(), limits);
    } catch (IOException | HttpProtocolException | UpstreamUnreachableException e) {
      throw new ExchangeFailure(new Failure.UpstreamUnreachable("visibility check failed: " + e.getMessage()));
    }
    if (answer.status() == 200 && !Visibility.visible(resource, answer.body(), selector)) {
      throw new ExchangeFailure(new Failure.NotVisible(resource.kind(), resource.name()));
    }
  }


  private static ExchangeFailure tooLarge(RequestBodyPolicy rails) {
    return new ExchangeFailure(
        new Failure.BodyDenied(
            new Verdict.Deny(
                ReasonCode.REQUEST_BODY_TOO_LARGE,
                "",
                "sockguard: request body exceeds request_body.max_bytes (" + rails.maxBytes() + " bytes)")));
  }

  private static void refuseUninspectableEncodings(RequestHead head) {
    String encoding = head.headers().first("Content-Encoding").orElse("identity").trim();
    if (!encoding.equalsIgnoreCase("identity")) {
      throw new ExchangeFailure(
          new Failure.BodyRefused(415, "Content-Encoding " + encoding + " is not accepted; send the body unencoded"));
    }
    String type = head.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      throw new ExchangeFailure(
          new Failure.BodyRefused(415, "form-encoded bodies are not part of the Docker API and are refused"));
    }
  }


  private static void sendContinueIfExpected(Session session, Exchange ex) throws IOException {
    if (!ex.continueSent && expectsContinue(ex.head)) {
      ex.continueSent = true;
      session.client.out().write(CONTINUE);
      session.client.out().flush();
    }
  }

  /**
   * Sends the canonical request to the daemon: dial (or reuse the paired connection for a bodiless request), answer
   * {@code 100 Continue} now that the policy has allowed, write the rebuilt head, then the body re-framed. Returns
   * null when a reused connection turned out stale before anything could reach the daemon.
   */
  private UpstreamConnection forward(Session session, Exchange ex, boolean mayReuse, byte[] inspectedBody)
      throws IOException {
    boolean hasBody = !(ex.requestFraming instanceof Framing.NoBody);
    UpstreamConnection upstream = dial(session, mayReuse && !hasBody);
    if (hasBody) {
      sendContinueIfExpected(session, ex);
    }
    try {
      upstream.out().write(HeadWriter.encode(upstreamHead(ex)));
      if (inspectedBody != null) {
        upstream.out().write(inspectedBody);
      } else if (hasBody) {
        sendBody(session, upstream, ex);
      }
      upstream.out().flush();
    } catch (IOException e) {
      session.dropUpstream();
      if (!session.client.isOpen()) {
        throw e;
      }
      if (!hasBody && session.upstreamWasReused()) {
        return null;
      }
      throw new ExchangeFailure(new Failure.UpstreamUnreachable("write to daemon failed: " + e.getMessage()));
    }
    return upstream;
  }

  private static UpstreamConnection dial(Session session, UpstreamDialer dialer, boolean mayReuse) {
    try {
      return session.upstream(dialer, mayReuse);
    } catch (UpstreamUnreachableException e) {
      throw new ExchangeFailure(new Failure.UpstreamUnreachable(e.getMessage()));
    }
  }

  private UpstreamConnection dial(Session session, boolean mayReuse) {
    return dial(session, dialer, mayReuse);
  }

  private static boolean expectsContinue(RequestHead head) {
    return head.version() == HttpVersion.HTTP_1_1
        && head.headers().first("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false);
  }

  /** The head the daemon sees: canonical target, hop-by-hop fields dropped, our own framing and trace context. */
  private static RequestHead upstreamHead(Exchange ex) {
    HeaderFields headers =
        HopByHop.stripRequest(ex.head.headers())
            .without(
                name ->
                    name.equalsIgnoreCase("Content-Length")
                        || name.equalsIgnoreCase("Expect")
                        || name.equalsIgnoreCase("traceparent")
                        || (name.equalsIgnoreCase("tracestate") && !ex.trace.hasParent()));
    switch (ex.requestFraming) {
      case Framing.FixedLength fixed -> headers = headers.with("Content-Length", Long.toString(fixed.length()));
      case Framing.Chunked chunked -> headers = headers.with("Transfer-Encoding", "chunked");
      case Framing.NoBody none -> {}
      case Framing.UntilClose untilClose -> {}
    }
    headers = headers.with("traceparent", ex.trace.forwardHeader());
    if (ex.kind == EndpointKind.HIJACK) {
      String upgrade = ex.head.headers().first("Upgrade").orElse(null);
      if (upgrade != null) {
        headers = headers.with("Connection", "Upgrade").with("Upgrade", upgrade);
      }
    }
    return new RequestHead(ex.head.method(), ex.path.forwardTarget(), HttpVersion.HTTP_1_1, headers);
  }

  private void sendBody(Session session, UpstreamConnection upstream, Exchange ex) throws IOException {
    InputStream body = BodyStreams.decoding(session.client.in(), ex.requestFraming, limits);
    byte[] buffer = new byte[8192];
    if (ex.requestFraming instanceof Framing.Chunked) {
      try (ChunkedOutputStream chunked = new ChunkedOutputStream(upstream.out())) {
        BodyRelay.copy(body, chunked, buffer);
      }
    } else {
      BodyRelay.copy(body, upstream.out(), buffer);
    }
    ex.requestBodyConsumed = true;
  }


  /**
   * Reads the daemon's response head, skipping interim 1xx answers other than 101. Finite requests are bounded by
   * {@code upstream.request_timeout}; streams, hijacks, waits, pulls and builds are not.
   */
  private ResponseHead awaitResponse(Session session, UpstreamConnection upstream, Exchange ex) {
    boolean bounded = requestTimeout != null && ex.kind == EndpointKind.PLAIN;
    Deadlines.Deadline deadline = session.upstreamDeadline();
    if (bounded) {
      deadline.arm(requestTimeout.toNanos());
    }
    try {
      HeadReader reader = new HeadReader(upstream.in(), limits);
      while (true) {
        ResponseHead response = reader.readResponse();
        if (response == null) {
          throw new IOException("daemon closed the connection before answering");
        }
        if (response.status() >= 200 || response.status() == 101) {
          return response;
        }
      }
    } catch (IOException | HttpProtocolException e) {
      boolean timedOut = deadline.hasFired();
      session.dropUpstream();
      if (timedOut) {
        throw new ExchangeFailure(new Failure.UpstreamTimeout(requestTimeout));
      }
      if (session.upstreamWasReused() && ex.requestFraming instanceof Framing.NoBody) {
        return null;
      }
      throw new ExchangeFailure(new Failure.UpstreamUnreachable(String.valueOf(e.getMessage())));
    } finally {
      deadline.disarm();
    }
  }


  /** Answers a failure; returns whether the connection can carry another request. */
  private boolean reply(Session session, Exchange ex, Failure failure) throws IOException {
    FailureReplies.Reply reply = FailureReplies.of(failure);
    FailureReplies.Reply shown = FailureReplies.forClient(reply, ex.judging().verboseDenials());
    ex.status = reply.status();
    ex.decision = reply.decision();
    ex.reasonCode = reply.reasonCode().wire();
    if (ex.responseStarted) {
      session.client.close();
      return false;
    }
    boolean close =
        session.draining
            || !ex.requestBodyConsumed
            || !Exchange.wantsKeepAlive(ex.head)
            || ex.head.method().equals("-")
            || failure instanceof Failure.ClientNotAllowed;
    FailureReplies.write(session.client.out(), shown, close, !ex.head.method().equals("HEAD"));
    if (!ex.requestBodyConsumed) {
      lingerBeforeClose(session);
    }
    return !close;
  }

  /**
   * The request's body was never read, and closing with it unread makes the kernel reset the connection (on a unix
   * socket, the client's next write fails with EPIPE), which can destroy the answer before the client reads it: the
   * docker CLI then reports "broken pipe" instead of the 403. So end our direction first, then read and discard what
   * the client still sends, bounded in bytes and time, before the caller closes (RFC 9112 section 9.6, tear-down).
   */
  private static void lingerBeforeClose(Session session) {
    try {
      session.client.shutdownOutput();
      session.clientDeadline.arm(LINGER_NANOS);
      BodyStreams.discard(session.client.in(), LINGER_BYTES);
    } catch (IOException e) {
      // the client is gone, or the linger deadline closed the connection: either way nothing is left to deliver
    } finally {
      session.clientDeadline.disarm();
    }
  }

  private boolean answerLocally(Session session, Exchange ex, LocalRoutes.LocalResponse local) throws IOException {
    boolean close = session.draining || !Exchange.wantsKeepAlive(ex.head) || !(Framing.ofRequest(ex.head) instanceof Framing.NoBody);
    String head =
        "HTTP/1.1 "
            + local.status()
            + " "
            + FailureReplies.reasonPhrase(local.status()).replace("Error", "OK")
            + "\r\nContent-Type: "
            + local.contentType()
            + "\r\nContent-Length: "
            + local.body().length
            + (close ? "\r\nConnection: close" : "")
            + "\r\n\r\n";
    OutputStream out = session.client.out();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    if (!ex.head.method().equals("HEAD")) {
      out.write(local.body());
    }
    out.flush();
    return !close;
  }

  private ExchangeRecord record(Session session, Exchange ex) {
    String rawTarget = ex.head.target();
    int query = rawTarget.indexOf('?');
    return new ExchangeRecord(
        ex.head.method(),
        query < 0 ? rawTarget : rawTarget.substring(0, query),
        ex.path == null ? null : ex.path.path(),
        ex.path == null ? "/other" : RouteTemplate.of(ex.head.method(), ex.path),
        ex.status,
        ex.decision,
        ex.reasonCode,
        ex.rule,
        System.nanoTime() - ex.startNanos,
        session.client.in().bytesRead() - ex.clientBytesInAtStart,
        session.client.out().bytesWritten() - ex.clientBytesOutAtStart,
        session.client.identity().describe(),
        profileName(session, ex),
        ex.trace,
        ex.profile == null || "deny".equals(ex.decision) ? Mode.ENFORCE.wire() : ex.profile.mode().wire());
  }

  private static String profileName(Session session, Exchange ex) {
    if (ex.profile != null) {
      return ex.profile.name();
    }
    return session.caller instanceof Caller.Admitted admitted ? admitted.profile() : "none";
  }

}
