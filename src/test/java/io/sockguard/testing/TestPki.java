package io.sockguard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority made with the {@code openssl} command, for TLS tests: it issues EC P-256 leaf
 * certificates (PKCS#8 keys, usable for both server and client authentication) with chosen names, and lays them out
 * the way the docker CLI's {@code DOCKER_CERT_PATH} expects. Not thread-safe; one test class owns one instance.
 */
public final class TestPki {
  private final Path dir;
  private final Path caCert;
  private final Path caKey;

  private TestPki(Path dir, Path caCert, Path caKey) {
    this.dir = dir;
    this.caCert = caCert;
    this.caKey = caKey;
  }

  /** A new CA called {@code name}, its files under {@code dir/name}. */
  public static TestPki create(Path dir, String name) {
    Path home = dir.resolve(name);
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path cert = home.resolve("ca.pem");
    Path key = home.resolve("ca-key.pem");
    openssl(
        home, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + name);
    return new TestPki(home, cert, key);
  }

  /** The CA certificate (PEM). */
  public Path caCert() {
    return caCert;
  }

  /**
   * One issued certificate.
   *
   * @param dir a directory with {@code ca.pem}, {@code cert.pem} and {@code key.pem}: a {@code DOCKER_CERT_PATH}
   */
  public record Issued(Path dir) {
    public Path cert() {
      return dir.resolve("cert.pem");
    }

    public Path key() {
      return dir.resolve("key.pem");
    }

    public Path ca() {
      return dir.resolve("ca.pem");
    }
  }

  /**
   * Issues a certificate with subject {@code CN=commonName} and the given subject alternative names written in
   * OpenSSL's syntax ({@code DNS:host}, {@code IP:127.0.0.1}, {@code URI:spiffe://example.org/x}).
   */
  public Issued issue(String name, String commonName, String... alternativeNames) {
    Path out = dir.resolve(name);
    try {
      Files.createDirectories(out);
      Files.copy(caCert, out.resolve("ca.pem"));
      List<String> ext = new ArrayList<>();
      ext.add("basicConstraints=CA:FALSE");
      ext.add("keyUsage=critical,digitalSignature");
      ext.add("extendedKeyUsage=serverAuth,clientAuth");
      if (alternativeNames.length > 0) {
        ext.add("subjectAltName=" + String.join(",", alternativeNames));
      }
      Files.write(out.resolve("ext.cnf"), ext, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl(
        out, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "key.pem", "-out", "req.csr", "-subj", "/CN=" + commonName);
    openssl(
        out, "x509", "-req", "-in", "req.csr", "-CA", caCert.toString(), "-CAkey", caKey.toString(),
        "-set_serial", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), "-days", "2",
        "-extfile", "ext.cnf", "-out", "cert.pem");
    return new Issued(out);
  }

  /** Writes {@code issued}'s key in the traditional (PKCS#1 or SEC1) form to {@code target}. */
  public static void writeTraditionalKey(Issued issued, Path target) {
    openssl(issued.dir(), "pkey", "-in", "key.pem", "-traditional", "-out", target.toString());
  }

  /**
   * A TLS 1.3 client context presenting {@code client} and trusting {@code serverCa}, for raw-socket tests.
   */
  public static SSLContext clientContext(Issued client, Path serverCa) {
    Path p12 = client.dir().resolve("client.p12");
    if (!Files.exists(p12)) {
      openssl(
          client.dir(), "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-out", "client.p12",
          "-passout", "pass:test");
    }
    try (InputStream in = Files.newInputStream(p12); InputStream ca = Files.newInputStream(serverCa)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, "test".toCharArray());
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, "test".toCharArray());
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(ca));
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      return fail("cannot build a client TLS context for " + client.dir(), e);
    }
  }

  /** Trust managers trusting only {@code serverCa}: a client that presents no certificate. */
  public static javax.net.ssl.TrustManager[] clientContextTrustOnly(Path serverCa) {
    try (InputStream ca = Files.newInputStream(serverCa)) {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(ca));
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(trusted);
      return trust.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      return fail("cannot read " + serverCa, e);
    }
  }

  private static void openssl(Path workdir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        fail(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      fail("cannot run openssl (is it installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted", e);
    }
  }
}
