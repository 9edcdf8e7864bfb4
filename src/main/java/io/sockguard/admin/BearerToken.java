package io.sockguard.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The token scrapers must present as {@code Authorization: Bearer <token>} (RFC 6750 §2.1). Compared through
 * SHA-256 digests with {@link MessageDigest#isEqual}, so neither the token's content nor its length shows in the
 * time a comparison takes. Immutable and thread-safe.
 */
public final class BearerToken {
  private static final String SCHEME = "bearer ";

  private final byte[] digest;

  private BearerToken(String token) {
    this.digest = sha256(token);
  }

  /**
   * Reads the token from {@code file}; surrounding whitespace (a trailing newline) is not part of it.
   *
   * @throws IOException if the file cannot be read or holds no token
   */
  public static BearerToken read(Path file) throws IOException {
    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw new IOException("metrics.bearer_token_file " + file + " is empty");
    }
    return new BearerToken(token);
  }

  static BearerToken of(String token) {
    return new BearerToken(token);
  }

  /** Whether an {@code Authorization} header value (null when absent) carries this token. */
  boolean admits(String authorization) {
    if (authorization == null
        || authorization.length() < SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
