package io.sockguard.config;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The parsed contents of a TLS listener's PEM files, read once when the configuration is loaded so that a bad file is
 * a configuration problem with its key rather than a failure at bind time. Immutable; {@link #toString()} never shows
 * the key.
 *
 * @param certificateChain the server's certificate first, then any intermediates
 * @param privateKey the server certificate's key (PKCS#8, RSA, EC or EdDSA)
 * @param clientAuthorities the CA certificates client certificates must chain to
 */
public record TlsMaterial(
    List<X509Certificate> certificateChain, PrivateKey privateKey, List<X509Certificate> clientAuthorities) {

  public TlsMaterial {
    certificateChain = List.copyOf(certificateChain);
    if (certificateChain.isEmpty()) {
      throw new IllegalArgumentException("certificateChain is empty");
    }
    Objects.requireNonNull(privateKey, "privateKey");
    clientAuthorities = List.copyOf(clientAuthorities);
    if (clientAuthorities.isEmpty()) {
      throw new IllegalArgumentException("clientAuthorities is empty");
    }
  }

  @Override
  public String toString() {
    return "TlsMaterial[server=" + certificateChain.get(0).getSubjectX500Principal().getName()
        + ", key=" + privateKey.getAlgorithm() + " (hidden), clientAuthorities=" + clientAuthorities.size() + "]";
  }
}
