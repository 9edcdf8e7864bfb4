package io.sockguard.listen;

import io.sockguard.http.BufferPool;
import io.sockguard.identify.ClientIdentity;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketCredentials;

/**
 * A bound listening socket (TCP, TLS over TCP, or unix) with its accept loop. Each accepted connection is handed to
 * the handler on a thread of its own: a virtual thread for TCP and TLS (whose handshake runs there too, so a slow
 * client never holds up the accept loop); a platform thread for unix, whose channels come from junixsocket because
 * they give the peer's numeric uid, gid and pid (the JDK's {@code SO_PEERCRED} gives names and no pid).
 */
public final class Listener implements Closeable {
  private final ServerSocketChannel server;
  private final String description;
  private final Path socketPath;
  private final TlsEndpoint tls;
  private final Thread.Builder connectionThreads;
  private volatile boolean closed;

  private Listener(ServerSocketChannel server, String description, Path socketPath, TlsEndpoint tls) {
    this.server = server;
    this.description = description;
    this.socketPath = socketPath;
    this.tls = tls;
    // junixsocket's virtual-thread poller never wakes a reader on EOF (measured with 2.10.1), which would leak the
    // connection and lose a hijacked stdin's end; on platform threads its reads are plain blocking calls.
    this.connectionThreads =
        socketPath == null
            ? Thread.ofVirtual().name("conn-", 0)
            : Thread.ofPlatform().name("unix-conn-", 0).daemon(true).stackSize(512 * 1024);
  }

  /** Binds a TCP listener; {@code host:port}, {@code [v6]:port}; port 0 picks a free port. */
  public static Listener tcp(String hostPort) throws IOException {
    InetSocketAddress address = parseHostPort(hostPort);
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(address, 1024);
    InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
    return new Listener(server, "tcp://" + hostPortOf(bound), null, null);
  }

  /**
   * Binds a TLS listener (mutual TLS as {@code tls} says); {@code host:port} as for {@link #tcp}. The handshake runs
   * on each connection's own thread.
   */
  public static Listener tls(String hostPort, TlsEndpoint tls) throws IOException {
    InetSocketAddress address = parseHostPort(hostPort);
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(address, 1024);
    InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
    return new Listener(server, "tls://" + hostPortOf(bound), null, tls);
  }

  /**
   * Binds a unix listener at {@code path} with file mode {@code mode}. An existing file is replaced only when nothing
   * accepts connections on it. The mode is applied right after bind; until then the socket has the umask's mode,
   * which under the usual 022 (and the packaged unit's 077) already denies other users the write permission that
   * connecting needs. (Binding under a temporary name and renaming would close that gap, but junixsocket stops
   * accepting once its socket file has been moved.)
   */
  public static Listener unix(Path path, int mode) throws IOException {
    return unix(path, mode, "");
  }

  /**
   * Like {@link #unix(Path, int)}, and hands the socket file to {@code group} (a name or numeric gid; {@code ""} keeps
   * the process's group) so that a mode like {@code 0660} admits that group's members. Changing the group needs the
   * process to belong to it, or to run as root.
   */
  public static Listener unix(Path path, int mode, String group) throws IOException {
    Path absolute = path.toAbsolutePath();
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      if (isSomeoneListening(absolute)) {
        throw new IOException("another process is listening on " + absolute);
      }
      Files.delete(absolute);
    }
    AFUNIXServerSocketChannel server = AFUNIXServerSocketChannel.open();
    try {
      server.bind(AFUNIXSocketAddress.of(absolute), 1024);
      if (!group.isEmpty()) {
        GroupPrincipal owner =
            absolute.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        Files.getFileAttributeView(absolute, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(owner);
      }
      Files.setPosixFilePermissions(absolute, permissions(mode));
    } catch (IOException | RuntimeException e) {
      server.close();
      Files.deleteIfExists(absolute);
      throw e;
    }
    return new Listener(server, "unix://" + absolute, absolute, null);
  }

  private static boolean isSomeoneListening(Path path) {
    try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      return probe.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }

  static InetSocketAddress parseHostPort(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected host:port, got " + hostPort);
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  private static String hostPortOf(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** {@code tcp://127.0.0.1:2375}, {@code tls://0.0.0.0:2376} or {@code unix:///run/sockguard.sock}. */
  public String description() {
    return description;
  }

  /** The bound TCP address, if this is a TCP listener. */
  public Optional<InetSocketAddress> tcpAddress() {
    try {
      SocketAddress local = server.getLocalAddress();
      return local instanceof InetSocketAddress inet ? Optional.of(inet) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Optional<Path> socketPath() {
    return Optional.ofNullable(socketPath);
  }

  /**
   * The kind of thread {@link #acceptLoop} must run on: virtual for TCP and TLS, platform for unix, because
   * junixsocket's virtual-thread poller also misses accept wake-ups (measured with two unix listeners: a client
   * connected and the parked accept never woke).
   */
  public Thread.Builder acceptThread() {
    return socketPath == null ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
  }

  /**
   * Runs the accept loop on the calling thread (of the kind {@link #acceptThread()} gives) until {@link #close()}.
   * Each connection runs {@code handler} on its own thread; the handler owns the connection and must close it. {@code acceptFailure} hears of failed accepts and
   * failed TLS handshakes (from connection threads, so it must be thread-safe).
   */
  public void acceptLoop(Consumer<Connection> handler, Consumer<IOException> acceptFailure, BufferPool buffers) {
    while (!closed) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        acceptFailure.accept(e);
        continue;
      }
      connectionThreads.start(
          () -> {
            Connection connection;
            try {
              connection = open(channel, buffers);
            } catch (IOException e) {
              closeQuietly(channel);
              acceptFailure.accept(e);
              return;
            }
            handler.accept(connection);
          });
    }
  }

  private Connection open(SocketChannel channel, BufferPool buffers) throws IOException {
    ClientIdentity identity = identify(channel);
    if (tls == null) {
      return new Connection(channel, identity, buffers);
    }
    ClientIdentity.TcpPeer peer = (ClientIdentity.TcpPeer) identity;
    SSLSocket socket;
    try {
      socket = tls.handshake(channel.socket());
    } catch (IOException e) {
      throw new IOException("TLS handshake with " + peer.describe() + " failed: " + e.getMessage(), e);
    }
    // the JDK has verified the chain against the client CA; the leaf is what selectors look at
    X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
    return new Connection(channel, socket, new ClientIdentity.TlsPeer(peer.address(), peer.port(), leaf), buffers);
  }

  private static ClientIdentity identify(SocketChannel channel) throws IOException {
    if (channel instanceof AFUNIXSocketChannel unix) {
      AFUNIXSocketCredentials credentials = unix.getPeerCredentials();
      return new ClientIdentity.UnixPeer(credentials.getUid(), credentials.getGid(), credentials.getPid());
    }
    channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
    InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
    return new ClientIdentity.TcpPeer(remote.getAddress(), remote.getPort());
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing
    }
  }

  /** Stops accepting; removes the unix socket file. Existing connections are not touched. */
  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    if (socketPath != null) {
      Files.deleteIfExists(socketPath);
    }
  }
}
