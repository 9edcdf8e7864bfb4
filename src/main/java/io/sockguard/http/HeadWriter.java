package io.sockguard.http;

/**
 * Encodes heads in wire form: start line, one {@code name: value} line per field, blank line, all
 * CRLF-terminated. Fields are written as they are (no framing headers added). The records'
 * constructors already refuse anything that could split a line, and every character fits
 * ISO-8859-1, so encoding is a plain byte copy. Stateless; thread-safe.
 */
public final class HeadWriter {

  private HeadWriter() {}

  public static byte[] encode(RequestHead head) {
    String method = head.method();
    String target = head.target();
    String version = head.version().wire();
    int size =
        method.length()
            + 1
            + target.length()
            + 1
            + version.length()
            + 2
            + fieldsSize(head.headers())
            + 2;
    byte[] out = new byte[size];
    int at = put(out, 0, method);
    out[at++] = ' ';
    at = put(out, at, target);
    out[at++] = ' ';
    at = put(out, at, version);
    at = crlf(out, at);
    finish(out, at, head.headers());
    return out;
  }

  public static byte[] encode(ResponseHead head) {
    String version = head.version().wire();
    String reason = head.reason();
    int size = version.length() + 5 + reason.length() + 2 + fieldsSize(head.headers()) + 2;
    byte[] out = new byte[size];
    int at = put(out, 0, version);
    int status = head.status();
    out[at++] = ' ';
    out[at++] = (byte) ('0' + status / 100);
    out[at++] = (byte) ('0' + status / 10 % 10);
    out[at++] = (byte) ('0' + status % 10);
    out[at++] = ' ';
    at = put(out, at, reason);
    at = crlf(out, at);
    finish(out, at, head.headers());
    return out;
  }

  private static int fieldsSize(HeaderFields headers) {
    int size = 0;
    for (HeaderField field : headers.all()) {
      size += field.name().length() + 2 + field.value().length() + 2;
    }
    return size;
  }

  private static void finish(byte[] out, int from, HeaderFields headers) {
    int at = from;
    for (HeaderField field : headers.all()) {
      at = put(out, at, field.name());
      out[at++] = ':';
      out[at++] = ' ';
      at = put(out, at, field.value());
      at = crlf(out, at);
    }
    crlf(out, at);
  }

  private static int put(byte[] out, int from, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      // Safe narrowing: HeaderField, RequestHead and ResponseHead only admit characters up to
      // U+00FF.
      out[from + i] = (byte) s.charAt(i);
    }
    return from + n;
  }

  private static int crlf(byte[] out, int at) {
    out[at] = '\r';
    out[at + 1] = '\n';
    return at + 2;
  }
}
