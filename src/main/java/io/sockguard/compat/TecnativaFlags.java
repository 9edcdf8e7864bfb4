package io.sockguard.compat;

import io.sockguard.config.Config;
import io.sockguard.config.RuleConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the environment flags of Tecnativa's docker-socket-proxy and produces the equivalent sockguard rule list, so a
 * deployment can swap the image without rewriting its {@code environment:} block.
 *
 * <h2>How Tecnativa's proxy decides</h2>
 *
 * Its HAProxy frontend first refuses every method but GET and HEAD unless {@code POST} is on (newer images: POST needs
 * {@code POST}, DELETE needs {@code DELETE}), then allows a request when the URL-decoded path, with or without a
 * {@code /vX.Y} prefix, <em>starts with</em> an enabled section's path (case-insensitive), and refuses the rest with
 * 403. The image's defaults turn {@code EVENTS}, {@code PING} and {@code VERSION} on and everything else off. A flag is
 * on when HAProxy's {@code -m bool} reads it as true: the value's leading decimal digits form a number other than 0, so
 * {@code 1} and {@code 2} are on while {@code 0}, {@code true}, {@code yes} and the empty string are off.
 *
 * <h2>The mapping</h2>
 *
 * <table>
 *   <caption>Tecnativa variable → sockguard rules (in this order; the version prefix is stripped before matching, so
 *   every rule covers versioned and unversioned paths alike)</caption>
 *   <tr><th>variable</th><th>rules</th></tr>
 *   <tr><td>{@code ALLOW_START}</td><td>allow <code>POST /containers/*&#47;start</code></td></tr>
 *   <tr><td>{@code ALLOW_STOP}</td><td>allow <code>POST /containers/*&#47;stop</code></td></tr>
 *   <tr><td>{@code ALLOW_RESTARTS}</td><td>allow <code>POST /containers/*&#47;stop</code>, {@code .../restart},
 *       {@code .../kill}</td></tr>
 *   <tr><td>section {@code X} on (one of {@code AUTH BUILD COMMIT CONFIGS CONTAINERS DISTRIBUTION EVENTS EXEC GRPC
 *       IMAGES INFO NETWORKS NODES PING PLUGINS SECRETS SERVICES SESSION SWARM SYSTEM TASKS VERSION VOLUMES}, whose
 *       path is {@code /x}, except {@code PING} → {@code /_ping})</td>
 *       <td>allow {@code GET /x/**} and {@code HEAD /x/**} ({@code /x/**} also matches {@code /x} itself)</td></tr>
 *   <tr><td>... and {@code POST} on</td><td>also allow {@code POST /x/**}</td></tr>
 *   <tr><td>... and {@code DELETE} on</td><td>also allow {@code DELETE /x/**}</td></tr>
 *   <tr><td>(always last)</td><td>deny {@code * /**}</td></tr>
 * </table>
 *
 * <h2>Where sockguard deliberately differs</h2>
 *
 * <ul>
 *   <li>{@code ALLOW_START}, {@code ALLOW_STOP} and {@code ALLOW_RESTARTS} work without {@code POST=1}, as Tecnativa
 *       documents them and as linuxserver's fork implements them. In Tecnativa's own image the method check runs
 *       first, so they have no effect unless {@code POST=1}, which opens every POST of every enabled section (its
 *       issue #101); honouring the narrow intent is the least-privilege reading.
 *   <li>{@code DELETE} needs {@code DELETE=1}, as in newer Tecnativa images. Older images let {@code POST=1} through
 *       with every method; set {@code DELETE=1} if you relied on that for {@code docker rm}.
 *   <li>{@code PUT} and {@code PATCH} are never allowed: the only PUTs are {@code PUT /containers/{id}/archive}
 *       (writing files into a container) and {@code PUT /volumes/{name}} (cluster volumes). Write a config file if
 *       you need them.
 *   <li>Sections match whole path segments, case-sensitively: {@code /containers/**} does not match {@code
 *       /containersX} or {@code /CONTAINERS}, paths dockerd does not route anyway.
 *   <li>The newest images' per-endpoint denials ({@code ALLOW_EXEC}, {@code ALLOW_LOGS}, {@code ALLOW_ARCHIVE}, ...)
 *       are not read: a section flag opens the whole section, as it did for years. {@code sockguard validate} warns
 *       about the sections where that exposes data or unbounded writes.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class TecnativaFlags {

  /**
   * A configuration with its effective rules.
   *
   * @param config the configuration, its rules replaced when the Tecnativa variables apply
   * @param rulesSource {@code config.source()}, or a description of the variables the rules came from
   * @param warnings what {@code sockguard validate} should print
   */
  public record Resolution(Config config, String rulesSource, List<String> warnings) {
    public Resolution {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The drop-in rule: when no config file defines rules and any Tecnativa variable is set, the variables' rules replace
   * the configuration's. A file with rules wins, since an operator who wrote rules meant them, and so does a signed
   * file: the environment must not widen a policy whose point is that nobody but the signer chooses it. Start-up and
   * reload must both go through here so a reload does not silently drop the variables' rules.
   *
   * @param fromFile whether {@code config} was read from a file (false: the embedded default)
   * @param signed whether the file's signature was verified
   */
  public static Resolution resolve(Config config, boolean fromFile, boolean signed, Map<String, String> env) {
    Optional<TecnativaFlags> flags = fromEnvironment(env);
    boolean fileDefinesRules = fromFile && !config.rules().isEmpty();
    if (flags.isEmpty()) {
      return new Resolution(config, config.source(), List.of());
    }
    if (fileDefinesRules || signed) {
      return new Resolution(
          config,
          config.source(),
          List.of(
              "Tecnativa variables (" + flags.get().describe() + ") are ignored because " + config.source()
                  + (fileDefinesRules ? " defines rules" : " is signed")));
    }
    return new Resolution(
        config.withRules(flags.get().rules()),
        "environment (Tecnativa docker-socket-proxy variables: " + flags.get().describe() + ")",
        flags.get().warnings());
  }

  /** Variables that change what a section flag allows, or allow single container actions. */
  private static final List<String> MODIFIERS = List.of("POST", "DELETE", "ALLOW_START", "ALLOW_STOP", "ALLOW_RESTARTS");

  /** Every variable read, sections first (in Tecnativa's order), then the modifiers. */
  public static final List<String> VARIABLES =
      Stream.concat(Stream.of(Section.values()).map(Section::variable), MODIFIERS.stream()).toList();

  private static final String LOCATION = "environment ";

  private final Map<String, String> set;
  private final Set<Section> sections;
  private final Set<String> modifiers;

  private TecnativaFlags(Map<String, String> set, Set<Section> sections, Set<String> modifiers) {
    this.set = set;
    this.sections = sections;
    this.modifiers = modifiers;
  }

  /** The flags in {@code env}, or empty when none of {@link #VARIABLES} is set. */
  public static Optional<TecnativaFlags> fromEnvironment(Map<String, String> env) {
    Map<String, String> set = new LinkedHashMap<>();
    for (String variable : VARIABLES) {
      String value = env.get(variable);
      if (value != null) {
        set.put(variable, value);
      }
    }
    if (set.isEmpty()) {
      return Optional.empty();
    }
    Set<Section> sections = EnumSet.noneOf(Section.class);
    for (Section section : Section.values()) {
      String value = set.get(section.variable());
      if (value == null ? section.defaultOn : readsAsOn(value)) {
        sections.add(section);
      }
    }
    Set<String> modifiers = new LinkedHashSet<>();
    for (String modifier : MODIFIERS) {
      String value = set.get(modifier);
      if (value != null && readsAsOn(value)) {
        modifiers.add(modifier);
      }
    }
    return Optional.of(new TecnativaFlags(Map.copyOf(set), sections, modifiers));
  }

  /**
   * Whether HAProxy's {@code -m bool} would read {@code value} as true: it converts the string to an integer from its
   * leading decimal digits (none: the conversion fails and the flag is off) and tests it against zero.
   */
  static boolean readsAsOn(String value) {
    int i = 0;
    boolean nonZero = false;
    while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
      nonZero |= value.charAt(i) != '0';
      i++;
    }
    return nonZero;
  }

  /** Whether {@code variable} (one of {@link #VARIABLES}) is on, counting the image's defaults for unset ones. */
  public boolean isOn(String variable) {
    for (Section section : sections) {
      if (section.variable().equals(variable)) {
        return true;
      }
    }
    return modifiers.contains(variable);
  }

  /** The variables that were set, as {@code NAME=value} in {@link #VARIABLES} order, e.g. {@code CONTAINERS=1 POST=0}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (String variable : VARIABLES) {
      if (set.containsKey(variable)) {
        parts.add(variable + "=" + set.get(variable));
      }
    }
    return String.join(" ", parts);
  }

  /** The equivalent ordered rules (see the class comment); the last one denies everything. */
  public List<RuleConfig> rules() {
    List<Wanted> wanted = new ArrayList<>();
    if (modifiers.contains("ALLOW_START")) {
      wanted.add(new Wanted("POST", "/containers/*/start", "Tecnativa ALLOW_START=1", "ALLOW_START"));
    }
    if (modifiers.contains("ALLOW_STOP")) {
      wanted.add(new Wanted("POST", "/containers/*/stop", "Tecnativa ALLOW_STOP=1", "ALLOW_STOP"));
    }
    if (modifiers.contains("ALLOW_RESTARTS")) {
      for (String action : List.of("stop", "restart", "kill")) {
        wanted.add(
            new Wanted("POST", "/containers/*/" + action, "Tecnativa ALLOW_RESTARTS=1", "ALLOW_RESTARTS"));
      }
    }
    for (Section section : sections) {
      String path = section.root + "/**";
      String reason = "Tecnativa " + section.variable() + "=1";
      wanted.add(new Wanted("GET", path, reason, section.variable()));
      wanted.add(new Wanted("HEAD", path, reason, section.variable()));
      if (modifiers.contains("POST")) {
        wanted.add(new Wanted("POST", path, reason + " with POST=1", section.variable()));
      }
      if (modifiers.contains("DELETE")) {
        wanted.add(new Wanted("DELETE", path, reason + " with DELETE=1", section.variable()));
      }
    }
    List<RuleConfig> rules = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Wanted rule : wanted) {
      // ALLOW_STOP and ALLOW_RESTARTS both name stop; the first rule suffices.
      if (seen.add(rule.method() + " " + rule.path())) {
        rules.add(
            new RuleConfig(rules.size(), rule.method(), rule.path(), "allow", rule.reason(), LOCATION + rule.variable()));
      }
    }
    rules.add(
        new RuleConfig(
            rules.size(), "*", "/**", "deny", "Tecnativa compatibility: section not enabled", LOCATION + "defaults"));
    return List.copyOf(rules);
  }

  /** One allow rule before it is numbered. */
  private record Wanted(String method, String path, String reason, String variable) {}

  /**
   * What {@code sockguard validate} should warn about: values Tecnativa would read differently than they look
   * ({@code true}, {@code yes}), sections whose reads carry data out, and POST-enabled sections whose writes no rule
   * can bound. One sentence each, in {@link #VARIABLES} order.
   */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    set.forEach(
        (variable, value) -> {
          if (!value.matches("[0-9]+")) {
            warnings.add(
                variable + "=" + value + " is read as " + (readsAsOn(value) ? "on" : "off")
                    + ", as Tecnativa's proxy reads it (only a number other than 0 is on); write "
                    + variable + "=1 or " + variable + "=0");
          }
        });
    for (Section section : sections) {
      String read = Surfaces.READ_EXFILTRATION.get(section);
      if (read != null) {
        warnings.add(section.variable() + "=1 opens a read-exfiltration surface: " + read);
      }
    }
    if (modifiers.contains("POST")) {
      for (Section section : sections) {
        String write = Surfaces.BLIND_WRITE.get(section);
        if (write != null) {
          warnings.add("POST=1 with " + section.variable() + "=1 opens a blind-write surface: " + write);
        }
      }
    }
    return List.copyOf(warnings);
  }
}
