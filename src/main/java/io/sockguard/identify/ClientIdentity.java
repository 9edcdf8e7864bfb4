package io.sockguard.identify;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** Who is calling, established once per connection before the first request is read. Immutable. */
public sealed interface ClientIdentity {

  /** A short, log-safe description: {@code 127.0.0.1:53122} or {@code unix:uid=0,gid=0,pid=42}. */
  String describe();

  /** A caller on a TCP listener. */
  record TcpPeer(InetAddress address, int port) implements ClientIdentity {
    @Override
    public String describe() {
      return hostPort(address, port);
    }
  }

  /**
   * A caller on a TLS listener whose certificate chain the client CA verified.
   *
   * @param leaf the client's own certificate (the first of its chain)
   */
  record TlsPeer(InetAddress address, int port, X509Certificate leaf) implements ClientIdentity {
    public TlsPeer {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(leaf, "leaf");
    }

    /** {@code 10.0.0.7:53122 cn=dashboard} (the first common name, if the subject has one). */
    @Override
    public String describe() {
      String cn = CertificateNames.commonNames(leaf).stream().findFirst().orElse(null);
      return hostPort(address, port) + (cn == null ? "" : " cn=" + cn);
    }
  }

  /**
   * A caller on a unix-socket listener, with the kernel's peer credentials ({@code SO_PEERCRED}); {@code -1} where
   * the platform did not give a value.
   */
  record UnixPeer(long uid, long gid, long pid) implements ClientIdentity {
    @Override
    public String describe() {
      return "unix:uid=" + uid + ",gid=" + gid + ",pid=" + pid;
    }
  }

  private static String hostPort(InetAddress address, int port) {
    String host = address.getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
