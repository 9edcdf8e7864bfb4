package io.sockguard.identify;

import io.sockguard.config.Cidr;
import io.sockguard.config.ClientsConfig;
import io.sockguard.config.ListenerConfig;
import java.net.InetAddress;
import java.util.List;

/**
 * Decides, once per connection, whether a caller is admitted and which profile judges its requests. One instance
 * per listener (it knows that listener's certificate selectors and pinned profile). Immutable and thread-safe.
 *
 * <p>Admission first: a TCP caller outside {@code clients.allowed_cidrs}, or a TLS caller whose verified certificate
 * the listener's selectors do not accept, is refused. Then the profile: the listener's pinned profile, else the first
 * matching certificate profile, unix peer profile, source IP profile, else {@code clients.default_profile}, else the
 * root policy ({@value ClientsConfig#ROOT_PROFILE}).
 */
public final class Identifier {
  private final List<Cidr> allowedCidrs;
  private final CertificateSelector listenerSelector;
  private final String pinnedProfile;
  private final List<Rule<CertificateSelector>> certificateRules;
  private final List<ClientsConfig.UnixPeerProfile> unixRules;
  private final List<ClientsConfig.SourceIpProfile> sourceRules;
  private final String fallback;

  private record Rule<T>(T selector, String profile) {}

  private Identifier(ClientsConfig clients, CertificateSelector listenerSelector, String pinnedProfile) {
    this.allowedCidrs = clients.allowedCidrs();
    this.listenerSelector = listenerSelector;
    this.pinnedProfile = pinnedProfile;
    this.certificateRules =
        clients.certificateProfiles().stream()
            .map(p -> new Rule<>(CertificateSelector.of(p.selector()), p.profile()))
            .toList();
    this.unixRules = clients.unixPeerProfiles();
    this.sourceRules = clients.sourceIpProfiles();
    this.fallback = clients.defaultProfile().isEmpty() ? ClientsConfig.ROOT_PROFILE : clients.defaultProfile();
  }

  /** The identifier for callers of {@code listener}. */
  public static Identifier forListener(ClientsConfig clients, ListenerConfig listener) {
    CertificateSelector selector =
        listener.isTls() ? CertificateSelector.of(listener.tls().accept()) : null;
    return new Identifier(
        clients, selector == null || selector.acceptsAll() ? null : selector, listener.isPinned() ? listener.profile() : null);
  }

  /** Admits everyone with the root policy: the behaviour without a {@code [clients]} section. */
  public static Identifier everyoneDefault() {
    return new Identifier(ClientsConfig.NONE, null, null);
  }

  public Caller identify(ClientIdentity identity) {
    InetAddress address =
        switch (identity) {
          case ClientIdentity.TcpPeer tcp -> tcp.address();
          case ClientIdentity.TlsPeer tls -> tls.address();
          case ClientIdentity.UnixPeer unix -> null;
        };
    if (address != null && !allowedCidrs.isEmpty() && allowedCidrs.stream().noneMatch(c -> c.contains(address))) {
      return new Caller.Refused(
          identity, "sockguard: client " + address.getHostAddress() + " is not in clients.allowed_cidrs");
    }
    if (identity instanceof ClientIdentity.TlsPeer tls
        && listenerSelector != null
        && !listenerSelector.matches(tls.leaf())) {
      return new Caller.Refused(identity, "sockguard: this listener does not accept the client certificate "
          + printable(tls.leaf().getSubjectX500Principal().getName()));
    }
    return new Caller.Admitted(identity, pinnedProfile != null ? pinnedProfile : select(identity, address));
  }

  private String select(ClientIdentity identity, InetAddress address) {
    if (identity instanceof ClientIdentity.TlsPeer tls) {
      for (Rule<CertificateSelector> rule : certificateRules) {
        if (rule.selector().matches(tls.leaf())) {
          return rule.profile();
        }
      }
    }
    if (identity instanceof ClientIdentity.UnixPeer unix) {
      for (ClientsConfig.UnixPeerProfile rule : unixRules) {
        if (matches(rule, unix)) {
          return rule.profile();
        }
      }
    }
    if (address != null) {
      for (ClientsConfig.SourceIpProfile rule : sourceRules) {
        if (rule.cidrs().stream().anyMatch(c -> c.contains(address))) {
          return rule.profile();
        }
      }
    }
    return fallback;
  }

  /** Fields ANDed, entries ORed; an unknown credential ({@code -1}) never matches a listed value. */
  static boolean matches(ClientsConfig.UnixPeerProfile rule, ClientIdentity.UnixPeer peer) {
    return (rule.uids().isEmpty() || rule.uids().contains(peer.uid()))
        && (rule.gids().isEmpty() || rule.gids().contains(peer.gid()))
        && (rule.pids().isEmpty() || rule.pids().contains(peer.pid()));
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
    for (int i = 0; i < text.length() && i < 200; i++) {
      char c = text.charAt(i);
      out.append(c < ' ' || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }
}
