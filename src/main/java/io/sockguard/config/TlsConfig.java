package io.sockguard.config;

import java.util.Objects;

/**
 * A TLS listener ({@code [listen.tls]} or {@code [listeners.tls]}): TLS 1.3 only, a client certificate is required
 * and must chain to {@code clientCaFile}; {@code accept} narrows which verified certificates are admitted. Immutable.
 *
 * @param certFile PEM server certificate chain
 * @param keyFile PEM PKCS#8 private key of the server certificate
 * @param clientCaFile PEM CA certificates client certificates must chain to
 * @param accept which verified client certificates this listener admits ({@code spiffeIds} is always empty here)
 * @param material the three files' contents, read and checked by the loader
 */
public record TlsConfig(
    String certFile, String keyFile, String clientCaFile, CertificateSelectorConfig accept, TlsMaterial material) {

  public TlsConfig {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(clientCaFile, "clientCaFile");
    Objects.requireNonNull(accept, "accept");
    Objects.requireNonNull(material, "material");
  }
}
