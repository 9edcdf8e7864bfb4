package io.sockguard.identify;

import java.net.InetAddress;

/** Who is calling, established once per connection before the first request is read. Immutable. */
public sealed interface ClientIdentity {

  /** A short, log-safe description: {@code 127.0.0.1:53122} or {@code unix:uid=0,gid=0,pid=42}. */
  String describe();

  /** A caller on a TCP listener. */
  record TcpPeer(InetAddress address, int port) implements ClientIdentity {
    @Override
    public String describe() {
      String host = address.getHostAddress();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
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
}
