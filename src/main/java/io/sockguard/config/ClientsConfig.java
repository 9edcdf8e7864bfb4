package io.sockguard.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code [clients]}: who may connect over TCP, and which profile each caller gets. Selection takes the first match
 * in this order: certificate profiles, unix peer profiles, source IP profiles, then {@code defaultProfile}, then the
 * root policy as profile {@value #ROOT_PROFILE}. Immutable.
 *
 * @param allowedCidrs TCP callers outside every network are refused; empty admits all
 * @param certificateProfiles by verified client certificate (TLS listeners)
 * @param unixPeerProfiles by peer credentials (unix listeners)
 * @param sourceIpProfiles by source address (TCP listeners)
 * @param defaultProfile profile for callers no selector matched, or {@code ""} for the root policy
 * @param globalMaxInflight {@code global_concurrency.max_inflight}, or 0 for no global cap
 * @param profiles the named profiles
 */
public record ClientsConfig(
    List<Cidr> allowedCidrs,
    List<CertificateProfile> certificateProfiles,
    List<UnixPeerProfile> unixPeerProfiles,
    List<SourceIpProfile> sourceIpProfiles,
    String defaultProfile,
    int globalMaxInflight,
    List<ProfileConfig> profiles) {

  /** The name of the profile made of the root {@code [[rules]]}. */
  public static final String ROOT_PROFILE = "default";

  /** No {@code [clients]} section: everyone admitted, everyone on the root policy. */
  public static final ClientsConfig NONE =
      new ClientsConfig(List.of(), List.of(), List.of(), List.of(), "", 0, List.of());

  public ClientsConfig {
    allowedCidrs = List.copyOf(allowedCidrs);
    certificateProfiles = List.copyOf(certificateProfiles);
    unixPeerProfiles = List.copyOf(unixPeerProfiles);
    sourceIpProfiles = List.copyOf(sourceIpProfiles);
    Objects.requireNonNull(defaultProfile, "defaultProfile");
    profiles = List.copyOf(profiles);
  }

  /** {@code [[clients.client_certificate_profiles]]}: callers whose certificate {@code selector} accepts. */
  public record CertificateProfile(String profile, CertificateSelectorConfig selector) {
    public CertificateProfile {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(selector, "selector");
    }
  }

  /**
   * {@code [[clients.unix_peer_profiles]]}: callers whose peer credentials match; fields ANDed, entries ORed, empty
   * fields place no condition.
   */
  public record UnixPeerProfile(String profile, List<Long> uids, List<Long> gids, List<Long> pids) {
    public UnixPeerProfile {
      Objects.requireNonNull(profile, "profile");
      uids = List.copyOf(uids);
      gids = List.copyOf(gids);
      pids = List.copyOf(pids);
    }
  }

  /** {@code [[clients.source_ip_profiles]]}: TCP callers from any of {@code cidrs}. */
  public record SourceIpProfile(String profile, List<Cidr> cidrs) {
    public SourceIpProfile {
      Objects.requireNonNull(profile, "profile");
      cidrs = List.copyOf(cidrs);
    }
  }
}
