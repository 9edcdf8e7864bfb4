package io.sockguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.jar.Manifest;

/** The build's identity from the jar manifest; {@code dev}/{@code unknown} when run from classes. */
final class Version {
  private Version() {}

  static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** The git commit the jar was built from ({@code scripts/build} records it). */
  static String commit() {
    return manifestValue("Sockguard-Commit");
  }

  /** When the jar was built, UTC, ISO-8601. */
  static String buildDate() {
    return manifestValue("Sockguard-Build-Date");
  }

  private static String manifestValue(String name) {
    URL self = Version.class.getResource("Version.class");
    if (self == null || !self.getProtocol().equals("jar")) {
      return "unknown";
    }
    String jar = self.toString();
    String manifest = jar.substring(0, jar.indexOf("!/") + 2) + "META-INF/MANIFEST.MF";
    try (InputStream in = java.net.URI.create(manifest).toURL().openStream()) {
      String value = new Manifest(in).getMainAttributes().getValue(name);
      return value == null || value.isBlank() ? "unknown" : value;
    } catch (IOException | IllegalArgumentException e) {
      return "unknown";
    }
  }
}
