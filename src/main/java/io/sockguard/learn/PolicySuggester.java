package io.sockguard.learn;

import io.sockguard.config.RuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the requests a warn/audit (or allow-all) run let through into the smallest rule list that allows exactly
 * them: one allow rule per observed (path pattern, method), then deny-all.
 *
 * <p>A path is generalised only where its route template has {@code {id}}: those segments become {@code *}, so
 * {@code GET /containers/3f2a/json} (route {@code /containers/{id}/json}) gives {@code /containers/*&#47;json}. dockerd's
 * greedy names (image references with '/') span several segments, and each becomes one {@code *}, so
 * {@code /images/ghcr.io/org/app/json} gives {@code /images/*&#47;*&#47;*&#47;json}: two-segment names are not allowed
 * unless one was seen. Every other segment stays literal; requests dockerd would not route ({@code /other}) keep their
 * whole path. Paths no rule can name (a trailing slash, a literal {@code *}, whitespace) are left out and reported.
 *
 * <p>Rules are sorted by path, then method, so the same log always gives the same text. Stateless.
 */
public final class PolicySuggester {

  /** What rule config refuses as the first segment: the version prefix, which the router strips before matching. */
  private static final Pattern VERSION_PREFIX = Pattern.compile("v[0-9]+(\\.[0-9]+)?");

  private static final String ID = "{id}";

  /**
   * A suggested policy.
   *
   * @param rules the allow rules, then deny-all
   * @param notes what was left out and why, one line each
   * @param learned how many requests the rules were learned from
   */
  public record Suggestion(List<RuleConfig> rules, List<String> notes, int learned) {
    public Suggestion {
      rules = List.copyOf(rules);
      notes = List.copyOf(notes);
    }

    /** The rules as TOML, preceded by comments stating the source and the notes. */
    public String toToml() {
      StringBuilder out = new StringBuilder();
      out.append("# Suggested by sockguard suggest from ").append(learned).append(" observed request(s).\n");
      out.append("# Review before use: every rule allows exactly a request shape that was seen.\n");
      for (String note : notes) {
        out.append("# note: ").append(note.replaceAll("[\\r\\n]", " ")).append('\n');
      }
      return out.append('\n').append(RulesToml.render(rules, false)).toString();
    }
  }

  private PolicySuggester() {}

  /**
   * Suggests rules for {@code requests}.
   *
   * @param profile when present, only requests of this profile are learned
   */
  public static Suggestion suggest(List<ObservedRequest> requests, Optional<String> profile) {
    Map<String, Map<String, Integer>> seen = new TreeMap<>();
    Map<String, Integer> unnameable = new TreeMap<>();
    int learned = 0;
    int refused = 0;
    int otherProfiles = 0;
    for (ObservedRequest request : requests) {
      if (profile.isPresent() && !profile.get().equals(request.profile())) {
        otherProfiles++;
        continue;
      }
      if (!request.wasLetThrough()) {
        refused++;
        continue;
      }
      Optional<String> pattern = patternFor(request.path(), request.route());
      if (pattern.isEmpty()) {
        unnameable.merge(request.method() + " " + request.path(), 1, Integer::sum);
        continue;
      }
      seen.computeIfAbsent(pattern.get(), p -> new TreeMap<>()).merge(request.method(), 1, Integer::sum);
      learned++;
    }
    List<RuleConfig> rules = new ArrayList<>();
    seen.forEach(
        (path, methods) ->
            methods.forEach(
                (method, count) ->
                    rules.add(
                        new RuleConfig(
                            rules.size(),
                            method,
                            path,
                            "allow",
                            "learned from " + count + " request" + (count == 1 ? "" : "s"),
                            "suggest"))));
    rules.add(
        new RuleConfig(
            rules.size(), "*", "/**", "deny", "learned policy: nothing else was observed", "suggest"));
    List<String> notes = new ArrayList<>();
    if (refused > 0) {
      notes.add(refused + " request(s) were denied or failed in the recorded run and were not learned");
    }
    if (otherProfiles > 0) {
      notes.add(otherProfiles + " request(s) of other profiles were skipped (--profile " + profile.orElse("") + ")");
    }
    unnameable.forEach(
        (request, count) ->
            notes.add("not learned, no rule can name this path: " + printable(request) + " (" + count + "x)"));
    return new Suggestion(rules, notes, learned);
  }

  /** The rule path for one request, or empty when no valid rule path can name it. */
  static Optional<String> patternFor(String path, String route) {
    if (!path.startsWith("/") || path.equals("/") || path.endsWith("/")) {
      return Optional.empty();
    }
    String[] segments = path.substring(1).split("/", -1);
    String[] template = route.startsWith("/") ? route.substring(1).split("/", -1) : new String[0];
    boolean[] wildcard = generalise(segments, template);
    String[] out = new String[segments.length];
    for (int i = 0; i < segments.length; i++) {
      // A literal segment that reads as a wildcard ("*") would widen the rule, so it must pass the literal check.
      if (wildcard != null && wildcard[i]) {
        out[i] = "*";
      } else if (isLiteral(segments[i], i)) {
        out[i] = segments[i];
      } else {
        return Optional.empty();
      }
    }
    return Optional.of("/" + String.join("/", out));
  }

  /**
   * Which of the path's segments lie under an {@code {id}} of the template, or null when the template does not fit
   * the path (then the caller keeps the literal path).
   */
  private static boolean[] generalise(String[] path, String[] template) {
    int ids = 0;
    int idAt = -1;
    for (int i = 0; i < template.length; i++) {
      if (template[i].equals(ID)) {
        ids++;
        idAt = i;
      }
    }
    if (ids == 0 || path.length < template.length || (path.length > template.length && ids != 1)) {
      return null;
    }
    int span = path.length - template.length + 1; // segments the (single, greedy) id covers; 1 when lengths match
    boolean[] wildcard = new boolean[path.length];
    int p = 0;
    for (int t = 0; t < template.length; t++) {
      if (template[t].equals(ID)) {
        int width = t == idAt ? span : 1;
        for (int k = 0; k < width; k++) {
          wildcard[p++] = true;
        }
      } else if (template[t].equals(path[p])) {
        p++;
      } else {
        return null;
      }
    }
    return wildcard;
  }

  /** Whether {@code segment} may stand as a literal rule segment at position {@code index} (see rule path syntax). */
  private static boolean isLiteral(String segment, int index) {
    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
      return false;
    }
    if (index == 0 && VERSION_PREFIX.matcher(segment).matches()) {
      return false;
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '*' || c == '%' || c == '?' || c == '#' || Character.isWhitespace(c)
          || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
