package io.sockguard.listen;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server side of mutual TLS: TLS 1.3 only, a client certificate is required and must chain to one of the client
 * authorities (PKIX path validation by the JDK). Immutable and thread-safe.
 */
public final class TlsEndpoint {
  private static final String[] PROTOCOLS = {"TLSv1.3"};

  private final SSLContext context;
  private final Duration handshakeTimeout;

  private TlsEndpoint(SSLContext context, Duration handshakeTimeout) {
    this.context = context;
    this.handshakeTimeout = handshakeTimeout;
  }

  /**
   * @param chain the server certificate first, then intermediates
   * @param key the server certificate's private key
   * @param clientAuthorities trust anchors for client certificates
   * @param handshakeTimeout how long a client may take to complete the handshake
   * @throws GeneralSecurityException if the JDK refuses the material
   */
  public static TlsEndpoint of(
      List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientAuthorities, Duration handshakeTimeout)
      throws GeneralSecurityException {
    char[] password = new char[0];
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      for (int i = 0; i < clientAuthorities.size(); i++) {
        trusted.setCertificateEntry("client-ca-" + i, clientAuthorities.get(i));
      }
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
      trustManagers.init(trusted);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return new TlsEndpoint(context, handshakeTimeout);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot build the in-memory key store: " + e.getMessage(), e);
    }
  }

  /** The TLS 1.3 context with the server's key and the client trust anchors (for servers that run their own). */
  public SSLContext context() {
    return context;
  }

  /**
   * Runs the server handshake over an accepted plain socket, within the handshake timeout; the returned socket owns
   * nothing the caller must close separately (closing the plain socket ends both).
   */
  SSLSocket handshake(Socket plain) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, null, false);
    socket.setEnabledProtocols(PROTOCOLS);
    socket.setUseClientMode(false);
    socket.setNeedClientAuth(true);
    plain.setSoTimeout((int) Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis()));
    socket.startHandshake();
    plain.setSoTimeout(0);
    return socket;
  }
}
