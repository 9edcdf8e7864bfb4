package io.sockguard.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoFoldTest {

  static Stream<Arguments> pairs() {
    return Stream.of(
        // case, a, b, equal to Go's strings.EqualFold
        Arguments.of("exact", "Binds", "Binds", true),
        Arguments.of("lower", "binds", "Binds", true),
        Arguments.of("upper", "BINDS", "Binds", true),
        Arguments.of("mixed", "bInDs", "BiNdS", true),
        Arguments.of("long s folds with s", "Bind\u017F", "Binds", true),
        Arguments.of("long s folds with S", "\u017FecurityOpt", "SecurityOpt", true),
        Arguments.of("Kelvin sign folds with k", "Mas\u212AedPaths", "MaskedPaths", true),
        Arguments.of("Kelvin sign folds with K", "\u212A", "K", true),
        Arguments.of("dotted capital I is not I", "B\u0130nds", "BINDS", false),
        Arguments.of("dotted capital I is not i", "B\u0130nds", "Binds", false),
        Arguments.of("dotless i is not i", "B\u0131nds", "Binds", false),
        Arguments.of("dotless i is not I", "B\u0131nds", "BINDS", false),
        Arguments.of("dotted capital I equals itself", "\u0130", "\u0130", true),
        Arguments.of("Angstrom sign folds with a-ring", "\u212B", "\u00E5", true),
        Arguments.of("final sigma folds with sigma", "\u03C2", "\u03A3", true),
        Arguments.of("sharp s folds with capital sharp s", "\u00DF", "\u1E9E", true),
        Arguments.of("sharp s is not ss", "\u00DF", "ss", false),
        Arguments.of("different length", "Bind", "Binds", false),
        Arguments.of("deseret pair", "\uD801\uDC00", "\uD801\uDC28", true),
        Arguments.of("digits untouched", "a1", "A1", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void pairs(String name, String a, String b, boolean equal) {
    assertEquals(equal, GoFold.equal(a, b));
    assertEquals(equal, GoFold.equal(b, a));
  }

  /** Struct field names are ASCII, so this is what decides field matching: Go folds exactly U+017F and U+212A in. */
  @Test
  void onlyLongSAndKelvinSignFoldIntoAscii() {
    List<String> intoAscii = new ArrayList<>();
    for (int c = 0x80; c <= Character.MAX_CODE_POINT; c++) {
      if (GoFold.fold(c) < 0x80) {
        intoAscii.add(Integer.toHexString(c));
      }
    }
    assertEquals(List.of("17f", "212a"), intoAscii);
  }

  @Test
  void foldIsStableUnderItself() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      int folded = GoFold.fold(c);
      assertTrue(GoFold.fold(folded) == folded, () -> "not idempotent at " + Integer.toHexString(folded));
    }
  }
}
