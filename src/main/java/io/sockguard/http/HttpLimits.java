package io.sockguard.http;

/**
 * Size bounds applied while reading heads and chunked bodies, so a peer cannot make a connection
 * thread buffer without limit. Immutable and thread-safe.
 *
 * @param maxHeadBytes most bytes a request or response head may take on the wire, from the first
 *     byte through the blank line's CRLF (leading empty lines included). Beyond it: 431. Docker
 *     clients send a few hundred bytes, but {@code X-Registry-Auth} carries base64 JSON credentials
 *     of several KiB, so the default is 64 KiB.
 * @param maxHeaderCount most header field lines in one head; one more is answered with 431. Bounds
 *     the per-request list and the linear name lookups; Docker clients send under 20.
 * @param maxChunkLineBytes most bytes of one chunk-size line including extensions and CRLF, and of
 *     one trailer line; beyond it: 400. The size itself needs at most 16 hex digits; the rest only
 *     bounds extensions nobody needs.
 */
public record HttpLimits(int maxHeadBytes, int maxHeaderCount, int maxChunkLineBytes) {

  private static final int DEFAULT_MAX_HEAD_BYTES = 64 * 1024;
  private static final int DEFAULT_MAX_HEADER_COUNT = 256;
  private static final int DEFAULT_MAX_CHUNK_LINE_BYTES = 4 * 1024;

  public HttpLimits {
    // "GET / HTTP/1.0\r\n\r\n" is 18 bytes; smaller bounds could never admit a request.
    if (maxHeadBytes < 18) {
      throw new IllegalArgumentException("maxHeadBytes must be at least 18, was " + maxHeadBytes);
    }
    if (maxHeaderCount < 1) {
      throw new IllegalArgumentException(
          "maxHeaderCount must be at least 1, was " + maxHeaderCount);
    }
    // "0\r\n" is 3 bytes.
    if (maxChunkLineBytes < 3) {
      throw new IllegalArgumentException(
          "maxChunkLineBytes must be at least 3, was " + maxChunkLineBytes);
    }
  }

  /** 64 KiB head, 256 header fields, 4 KiB chunk-size line. */
  public static HttpLimits defaults() {
    return new HttpLimits(
        DEFAULT_MAX_HEAD_BYTES, DEFAULT_MAX_HEADER_COUNT, DEFAULT_MAX_CHUNK_LINE_BYTES);
  }
}
