package io.sockguard.proxy;

import io.sockguard.http.BodyStreams;
import io.sockguard.http.ChunkedOutputStream;
import io.sockguard.http.Framing;
import io.sockguard.http.HeadWriter;
import io.sockguard.http.HeaderFields;
import io.sockguard.http.HopByHop;
import io.sockguard.http.HttpLimits;
import io.sockguard.http.HttpProtocolException;
import io.sockguard.http.HttpVersion;
import io.sockguard.http.ResponseHead;
import io.sockguard.inspect.LabelSelector;
import io.sockguard.inspect.RedactionPolicy;
import io.sockguard.inspect.ResponseRedactor;
import io.sockguard.inspect.Visibility;
import io.sockguard.observe.ExchangeObserver;
import io.sockguard.relay.BodyRelay;
import io.sockguard.relay.HijackRelay;
import io.sockguard.route.EndpointKind;
import io.sockguard.upstream.UpstreamConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The response half of the pipeline: once the daemon's head is in, relay the answer the way its route needs (live
 * stream, rewritten inspect/list JSON, label-filtered events) or hand the connection to the hijack relay. Every
 * method returns whether the client connection may carry another request. Thread-safe; state lives in
 * {@link Exchange} and {@link Session}.
 */
final class ResponseRelay {
  private final HttpLimits limits;
  private final ExchangeObserver observer;
  private final Duration hijackDrainGrace;

  ResponseRelay(HttpLimits limits, ExchangeObserver observer, Duration hijackDrainGrace) {
    this.limits = limits;
    this.observer = observer;
    this.hijackDrainGrace = hijackDrainGrace;
  }

  static boolean isHijack(Exchange ex, ResponseHead response) {
    if (ex.kind != EndpointKind.HIJACK) {
      return false;
    }
    if (response.status() == 101) {
      return true;
    }
    String type = response.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    return response.status() == 200
        && (type.startsWith("application/vnd.docker.raw-stream")
            || type.startsWith("application/vnd.docker.multiplexed-stream"));
  }

  /** Relays the daemon's answer verbatim, then the raw bytes both ways until both ends are done. */
  boolean hijack(Session session, UpstreamConnection upstream, Exchange ex, ResponseHead response)
      throws IOException {
    session.state = Session.State.STREAMING;
    ex.responseStarted = true;
    OutputStream out = session.client.out();
    out.write(HeadWriter.encode(response));
    out.flush();
    observer.hijackStarted();
    try {
      HijackRelay.relay(new ClientSide(session), new UpstreamSide(upstream), hijackDrainGrace);
    } finally {
      observer.hijackEnded();
    }
    session.dropUpstream();
    return false;
  }

  /** Streams the response body as it arrives, re-framed for the client. */
  boolean relay(Session session, UpstreamConnection upstream, Exchange ex, ResponseHead response)
      throws IOException {
    Framing framing = Framing.ofResponse(ex.head.method(), response);
    RedactionPolicy redaction = ex.judging().redaction();
    LabelSelector visibility = ex.judging().visibility();
    boolean success = response.status() / 100 == 2 && !(framing instanceof Framing.NoBody);
    boolean filterList = success && !visibility.isEmpty() && Visibility.filtersList(ex.head.method(), ex.path);
    if (success && (filterList || ResponseRedactor.applies(ex.head.method(), ex.path, redaction))) {
      return relayRedacted(session, upstream, ex, response, framing);
    }
    if (success && !visibility.isEmpty() && Visibility.filtersEvents(ex.head.method(), ex.path)) {
      return relayFilteredEvents(session, upstream, ex, response, framing);
    }
    boolean clientSpeaks11 = ex.head.version() == HttpVersion.HTTP_1_1;
    boolean reframeChunked =
        clientSpeaks11 && (framing instanceof Framing.Chunked || framing instanceof Framing.UntilClose);
    boolean watchClient = ex.kind == EndpointKind.STREAMING && !(framing instanceof Framing.NoBody);
    boolean closeAfter =
        framing instanceof Framing.UntilClose && !clientSpeaks11
            || framing instanceof Framing.Chunked && !clientSpeaks11
            || !Exchange.wantsKeepAlive(ex.head)
            || session.draining
            || watchClient;
    HeaderFields headers = HopByHop.stripResponse(response.headers());
    if (!(framing instanceof Framing.NoBody)) {
      headers = headers.without(name -> name.equalsIgnoreCase("Content-Length"));
    }
    if (framing instanceof Framing.FixedLength fixed) {
      headers = headers.with("Content-Length", Long.toString(fixed.length()));
    } else if (reframeChunked) {
      headers = headers.with("Transfer-Encoding", "chunked");
    }
    if (closeAfter) {
      headers = headers.with("Connection", "close");
    }
    OutputStream out = session.client.out();
    ex.responseStarted = true;
    out.write(HeadWriter.encode(new ResponseHead(HttpVersion.HTTP_1_1, response.status(), response.reason(), headers)));
    upstream.in().flushBeforeBlocking(out);
    if (watchClient) {
      watchForClientGone(session, upstream);
    }
    try {
      InputStream body =
          BodyStreams.decoding(upstream.in(), framing, limits);
      byte[] buffer = new byte[8192];
      if (reframeChunked) {
        try (ChunkedOutputStream chunked = new ChunkedOutputStream(out)) {
          BodyRelay.copy(body, chunked, buffer);
        }
      } else {
        BodyRelay.copy(body, out, buffer);
      }
      out.flush();
    } catch (IOException | HttpProtocolException e) {
      // the response is half sent: the only honest signal left is closing the connection
      session.dropUpstream();
      session.client.close();
      return false;
    } finally {
      upstream.in().flushBeforeBlocking(null);
    }
    if (framing instanceof Framing.UntilClose
        || response.headers().containsToken("Connection", "close")) {
      session.dropUpstream();
    }
    return !closeAfter;
  }

  /** Largest inspect/list answer sockguard buffers to rewrite; a larger one is refused, not passed through. */
  private static final int MAX_REDACTED_RESPONSE_BYTES = 16 * 1024 * 1024;

  /**
   * Buffers an inspect or list answer, rewrites what {@code [response]} hides, and sends it with a fresh length. An
   * answer that cannot be read (encoded, oversized, not the expected JSON) is refused with 502, never passed through.
   */
  private boolean relayRedacted(
      Session session, UpstreamConnection upstream, Exchange ex, ResponseHead response, Framing framing)
      throws IOException {
    String encoding = response.headers().first("Content-Encoding").orElse("identity").trim();
    byte[] body = null;
    try {
      if (encoding.equalsIgnoreCase("identity")) {
        InputStream in =
            BodyStreams.decoding(upstream.in(), framing, limits);
        body = BodyStreams.readAtMost(in, MAX_REDACTED_RESPONSE_BYTES);
      }
    } catch (IOException | HttpProtocolException e) {
      session.dropUpstream();
      throw new ExchangeFailure(new Failure.UpstreamUnreachable("daemon answer broke off: " + e.getMessage()));
    }
    if (body == null) {
      session.dropUpstream();
      throw new ExchangeFailure(new Failure.ResponseRejected("encoded or larger than 16 MiB"));
    }
    if (framing instanceof Framing.UntilClose) {
      session.dropUpstream();
    }
    byte[] rewritten;
    try {
      byte[] visible =
          !ex.judging().visibility().isEmpty() && Visibility.filtersList(ex.head.method(), ex.path)
              ? Visibility.filterList(ex.path, body, ex.judging().visibility())
              : body;
      rewritten = ResponseRedactor.redact(ex.head.method(), ex.path, visible, ex.judging().redaction());
    } catch (ResponseRedactor.UnreadableResponseException e) {
      throw new ExchangeFailure(new Failure.ResponseRejected(e.getMessage()));
    }
    boolean close = !Exchange.wantsKeepAlive(ex.head) || session.draining;
    HeaderFields headers =
        HopByHop.stripResponse(response.headers())
            .without(name -> name.equalsIgnoreCase("Content-Length"))
            .with("Content-Length", Integer.toString(rewritten.length));
    if (close) {
      headers = headers.with("Connection", "close");
    }
    ex.responseStarted = true;
    OutputStream out = session.client.out();
    out.write(HeadWriter.encode(new ResponseHead(HttpVersion.HTTP_1_1, response.status(), response.reason(), headers)));
    out.write(rewritten);
    out.flush();
    return !close;
  }

  /** Longest event line sockguard holds while filtering; a longer one ends the stream rather than pass unjudged. */
  private static final int MAX_EVENT_LINE_BYTES = 1024 * 1024;

  /**
   * {@code GET /events} under {@code visible_resource_labels}: the stream is cut at newlines (dockerd writes one JSON
   * object per line) and only events whose actor matches are relayed, each as soon as it is complete.
   */
  private boolean relayFilteredEvents(
      Session session, UpstreamConnection upstream, Exchange ex, ResponseHead response, Framing framing)
      throws IOException {
    boolean clientSpeaks11 = ex.head.version() == HttpVersion.HTTP_1_1;
    HeaderFields headers =
        HopByHop.stripResponse(response.headers())
            .without(name -> name.equalsIgnoreCase("Content-Length"))
            .with("Connection", "close");
    if (clientSpeaks11) {
      headers = headers.with("Transfer-Encoding", "chunked");
    }
    OutputStream out = session.client.out();
    ex.responseStarted = true;
    out.write(HeadWriter.encode(new ResponseHead(HttpVersion.HTTP_1_1, response.status(), response.reason(), headers)));
    upstream.in().flushBeforeBlocking(out);
    watchForClientGone(session, upstream);
    try (OutputStream body = clientSpeaks11 ? new ChunkedOutputStream(out) : out) {
      InputStream in =
          BodyStreams.decoding(upstream.in(), framing, limits);
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        for (int i = 0; i < n; i++) {
          line.write(buffer[i]);
          if (buffer[i] == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            if (Visibility.eventVisible(text.strip(), ex.judging().visibility())) {
              body.write(line.toByteArray());
            }
            line.reset();
          } else if (line.size() > MAX_EVENT_LINE_BYTES) {
            throw new IOException("event line longer than " + MAX_EVENT_LINE_BYTES + " bytes");
          }
        }
      }
      body.flush();
    } catch (IOException | HttpProtocolException e) {
      session.dropUpstream();
      session.client.close();
      return false;
    } finally {
      upstream.in().flushBeforeBlocking(null);
    }
    session.dropUpstream();
    return false;
  }

  /**
   * While a stream is relayed nothing reads the client, so a client that goes away would only be noticed at the next
   * event, which on a quiet {@code /events} may be hours away. A watcher blocks on the client side and ends the
   * stream on EOF (as dockerd itself does). It only peeks ({@code awaitData} consumes nothing), and the connection is
   * closed after a stream, so it never races the keep-alive loop for the next request.
   */
  private static void watchForClientGone(Session session, UpstreamConnection upstream) {
    Thread.Builder builder =
        Thread.currentThread().isVirtual() ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
    builder
        .name("stream-watch")
        .start(
            () -> {
              try {
                if (!session.client.in().awaitData()) {
                  upstream.close();
                }
              } catch (IOException e) {
                upstream.close();
              }
            });
  }

  private record ClientSide(Session session) implements HijackRelay.Side {
    @Override
    public InputStream in() {
      return session.client.in();
    }

    @Override
    public OutputStream out() {
      return session.client.out();
    }

    @Override
    public void shutdownOutput() throws IOException {
      session.client.shutdownOutput();
    }

    @Override
    public void close() {
      session.client.close();
    }
  }

  private record UpstreamSide(UpstreamConnection upstream) implements HijackRelay.Side {
    @Override
    public InputStream in() {
      return upstream.in();
    }

    @Override
    public OutputStream out() {
      return upstream.out();
    }

    @Override
    public void shutdownOutput() throws IOException {
      upstream.shutdownOutput();
    }

    @Override
    public void close() {
      upstream.close();
    }
  }
}
