package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Optional;

/**
 * One request exactly as {@link FakeUpstream} received it.
 *
 * @param method the request method, e.g. {@code POST}
 * @param target the request target as sent, e.g. {@code /v1.41/containers/create?name=x}
 * @param version the protocol version, e.g. {@code HTTP/1.1}
 * @param headers the header fields in arrival order, names as sent
 * @param body the body with any chunked framing removed; empty if there was none
 * @param head the raw head (request line and header lines, without the final blank line)
 */
public record RecordedRequest(
    String method, String target, String version, List<Header> headers, byte[] body, String head) {

  /** One header field line; the value has surrounding whitespace removed. */
  public record Header(String name, String value) {}

  public RecordedRequest {
    headers = List.copyOf(headers);
    body = body.clone();
  }

  /** The value of the first field named {@code name}, compared case-insensitively. */
  public Optional<String> header(String name) {
    return headers.stream()
        .filter(header -> header.name().equalsIgnoreCase(name))
        .map(Header::value)
        .findFirst();
  }

  /** Every value of fields named {@code name}, compared case-insensitively, in arrival order. */
  public List<String> headerValues(String name) {
    return headers.stream()
        .filter(header -> header.name().equalsIgnoreCase(name))
        .map(Header::value)
        .toList();
  }

  /** The body decoded as UTF-8 (Docker API bodies are JSON). */
  public String bodyText() {
    return new String(body, UTF_8);
  }

  /** The body bytes (a copy: the record stays immutable). */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The path part of the target, without the query. */
  public String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }
}
