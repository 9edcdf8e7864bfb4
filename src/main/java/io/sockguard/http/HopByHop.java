package io.sockguard.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes hop-by-hop fields before a head crosses the proxy (RFC 9110 §7.6.1): the fixed set below
 * and every field a {@code Connection} header names. Content-Length and Host survive even when
 * named by Connection, since the caller re-frames the body and the daemon needs Host; letting a
 * client delete them would only produce an unframed or invalid forwarded request. Stateless;
 * thread-safe.
 */
public final class HopByHop {

  private static final List<String> ALWAYS =
      List.of(
          "Connection",
          "Keep-Alive",
          "Proxy-Connection",
          "TE",
          "Trailer",
          "Transfer-Encoding",
          "Upgrade",
          "Proxy-Authenticate",
          "Proxy-Authorization");

  private static final List<String> PROTECTED = List.of("Content-Length", "Host");

  private HopByHop() {}

  /** A client's fields without hop-by-hop ones, ready to forward to the daemon. */
  public static HeaderFields stripRequest(HeaderFields fields) {
    return strip(fields);
  }

  /** The daemon's fields without hop-by-hop ones, ready to forward to the client. */
  public static HeaderFields stripResponse(HeaderFields fields) {
    return strip(fields);
  }

  private static HeaderFields strip(HeaderFields fields) {
    List<String> nominated = nominatedByConnection(fields);
    return fields.without(
        name ->
            isListed(ALWAYS, name) || (isListed(nominated, name) && !isListed(PROTECTED, name)));
  }

  /**
   * Field names listed in Connection values, e.g. {@code Connection: close, X-Foo} names {@code
   * X-Foo}.
   */
  private static List<String> nominatedByConnection(HeaderFields fields) {
    List<String> nominated = List.of();
    for (String value : fields.values("Connection")) {
      for (String element : value.split(",", -1)) {
        String name = Syntax.trimOws(element);
        if (!name.isEmpty()) {
          if (nominated.isEmpty()) {
            nominated = new ArrayList<>(4);
          }
          nominated.add(name);
        }
      }
    }
    return nominated;
  }

  private static boolean isListed(List<String> names, String name) {
    for (String listed : names) {
      if (Syntax.equalsIgnoreCase(listed, name)) {
        return true;
      }
    }
    return false;
  }
}
