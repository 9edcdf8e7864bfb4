package io.sockguard.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Raw-wire helpers for this package's tests. */
final class Wire {

  private Wire() {}

  static byte[] bytes(String wire) {
    return wire.getBytes(StandardCharsets.ISO_8859_1);
  }

  static InputStream stream(String wire) {
    return new BufferedInputStream(new ByteArrayInputStream(bytes(wire)));
  }

  static HeadReader reader(String wire) {
    return new HeadReader(stream(wire), HttpLimits.defaults());
  }

  static HeadReader reader(String wire, HttpLimits limits) {
    return new HeadReader(stream(wire), limits);
  }

  static String string(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static HeaderFields fields(String... namesAndValues) {
    HeaderFields fields = HeaderFields.empty();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields = fields.with(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }
}
