package io.sockguard.inspect;

/**
 * Go's simple Unicode case folding, as {@code encoding/json} uses it to match object member names to struct fields:
 * two names are equal when, rune by rune, each pair lies in the same {@code unicode.SimpleFold} orbit. Stateless.
 *
 * <p>Why not Java's own methods: {@code equalsIgnoreCase} treats {@code İ} (U+0130) and {@code ı} (U+0131) as
 * {@code i}/{@code I}, which Go does not ({@code caseOrbit} gives both a one-element orbit), and {@code toLowerCase}
 * alone misses {@code ſ} (U+017F), which Go folds with {@code s}. Either disagreement plus the daemon's last-wins
 * decoding would let a body say one thing to us and another to dockerd.
 *
 * <p>The fold key of a code point is {@code toLowerCase(toUpperCase(c))}, which is constant over Go's orbits (they are
 * built from the same UnicodeData mappings), except for the two Turkic letters. Where the JDK's Unicode version is
 * newer than Go's, a few letters Go leaves uncased fold here; that can only make us refuse more (a duplicate), never
 * match an ASCII field name differently, because the only non-ASCII runes Go folds into ASCII are U+017F and U+212A,
 * and a test checks that the same holds here for every code point.
 */
final class GoFold {

  private static final int DOTTED_CAPITAL_I = 0x130;
  private static final int DOTLESS_SMALL_I = 0x131;

  private GoFold() {}

  /** Whether Go's {@code strings.EqualFold} (and so {@code encoding/json}'s field matching) says a equals b. */
  static boolean equal(String a, String b) {
    return key(a).equals(key(b));
  }

  /** A string that is equal for two names exactly when they are equal under Go's simple folding. */
  static String key(String name) {
    boolean ascii = true;
    for (int i = 0; i < name.length() && ascii; i++) {
      ascii = name.charAt(i) < 0x80;
    }
    if (ascii) { // the common case: no code point work, one pass
      return asciiKey(name);
    }
    StringBuilder key = new StringBuilder(name.length());
    name.codePoints().forEach(c -> key.appendCodePoint(fold(c)));
    return key.toString();
  }

  /** The representative of {@code c}'s fold orbit. */
  static int fold(int c) {
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
    if (c == DOTTED_CAPITAL_I || c == DOTLESS_SMALL_I) {
      return c;
    }
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  private static String asciiKey(String name) {
    char[] chars = name.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') {
        chars[i] = (char) (c + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
