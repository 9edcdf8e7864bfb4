package io.sockguard.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped Grafana dashboard and Prometheus alert rules may only name metrics and labels sockguard exports
 * (promtool is not available, so the PromQL is checked here with a small tokenizer).
 */
class PackagingTest {
  private static final Path DASHBOARD = Path.of("packaging/grafana/sockguard.json");
  private static final Path ALERTS = Path.of("packaging/prometheus/sockguard-alerts.yml");

  /** Labels Prometheus itself adds when scraping, and the histogram bucket bound. */
  private static final Set<String> SCRAPE_LABELS = Set.of("instance", "job");

  private static final Set<String> KEYWORDS =
      Set.of("by", "without", "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "bool", "offset");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)\\}");
  private static final Pattern BARE_MATCHERS = Pattern.compile("\\{([^}]*)\\}");
  private static final Pattern MATCHER_NAME = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern NUMBER = Pattern.compile("\\b[0-9][0-9.eE+-]*\\b");

  /** A metric a query names: the family and, for histograms, which series of it. */
  private record Reference(MetricNames.Family family, String seriesName) {}

  /** Checks one PromQL expression; returns the problems found (empty when it only names what sockguard exports). */
  static List<String> check(String expr) {
    List<String> problems = new ArrayList<>();
    String text = expr.replaceAll("\\$\\{?[a-zA-Z_]+\\}?", "");
    List<Reference> references = new ArrayList<>();
    Matcher selector = SELECTOR.matcher(text);
    while (selector.find()) {
      Optional<Reference> reference = resolve(selector.group(1));
      if (reference.isEmpty()) {
        problems.add("unknown metric " + selector.group(1));
        continue;
      }
      references.add(reference.get());
      for (String label : matcherNames(selector.group(2))) {
        if (!hasLabel(reference.get(), label)) {
          problems.add(selector.group(1) + " has no label " + label);
        }
      }
    }
    String rest = BARE_MATCHERS.matcher(SELECTOR.matcher(text).replaceAll("$1")).replaceAll(" ");
    List<String> grouping = new ArrayList<>();
    Matcher group = GROUPING.matcher(rest);
    while (group.find()) {
      for (String label : group.group(2).split(",")) {
        if (!label.isBlank()) {
          grouping.add(label.strip());
        }
      }
    }
    rest = GROUPING.matcher(rest).replaceAll(" ");
    rest = NUMBER.matcher(RANGE.matcher(STRING.matcher(rest).replaceAll(" ")).replaceAll(" ")).replaceAll(" ");
    Matcher identifier = IDENTIFIER.matcher(rest);
    while (identifier.find()) {
      String name = identifier.group();
      boolean isFunction = rest.substring(identifier.end()).stripLeading().startsWith("(");
      if (isFunction || KEYWORDS.contains(name) || SCRAPE_LABELS.contains(name)) {
        continue;
      }
      Optional<Reference> reference = resolve(name);
      if (reference.isEmpty()) {
        problems.add("unknown metric " + name);
      } else {
        references.add(reference.get());
      }
    }
    for (String label : grouping) {
      if (references.stream().noneMatch(r -> hasLabel(r, label))) {
        problems.add("no metric in the expression has label " + label);
      }
    }
    if (references.isEmpty() && problems.isEmpty()) {
      problems.add("names no sockguard metric");
    }
    return problems;
  }

  private static List<String> matcherNames(String matchers) {
    List<String> names = new ArrayList<>();
    Matcher name = MATCHER_NAME.matcher(STRING.matcher(matchers).replaceAll("\"\""));
    while (name.find()) {
      names.add(name.group(1));
    }
    return names;
  }

  private static Optional<Reference> resolve(String series) {
    Optional<MetricNames.Family> exact = MetricNames.family(series);
    if (exact.isPresent()) {
      return exact.filter(f -> f.type() != MetricNames.Type.HISTOGRAM).map(f -> new Reference(f, series));
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (series.endsWith(suffix)) {
        return MetricNames.family(series.substring(0, series.length() - suffix.length()))
            .filter(f -> f.type() == MetricNames.Type.HISTOGRAM)
            .map(f -> new Reference(f, series));
      }
    }
    return Optional.empty();
  }

  private static boolean hasLabel(Reference reference, String label) {
    return reference.family().labels().contains(label)
        || SCRAPE_LABELS.contains(label)
        || (label.equals("le") && reference.seriesName().endsWith("_bucket"));
  }

  static Stream<Arguments> checkerCases() {
    return Stream.of(
        Arguments.of("page query: deny rate by reason",
            "sum by (reason_code) (rate(sockguard_http_denied_requests_total[5m]))", List.of()),
        Arguments.of("histogram bucket with le",
            "histogram_quantile(0.95, sum by (route, le) (rate(sockguard_http_request_duration_seconds_bucket[5m])))",
            List.of()),
        Arguments.of("misspelt metric", "rate(sockguard_http_request_total[5m])",
            List.of("unknown metric sockguard_http_request_total")),
        Arguments.of("foreign metric", "up == 0", List.of("unknown metric up")),
        Arguments.of("label the family lacks", "sockguard_upstream_socket_up{result=\"x\"}",
            List.of("sockguard_upstream_socket_up has no label result")),
        Arguments.of("grouping by a missing label", "sum by (reason) (sockguard_http_denied_requests_total)",
            List.of("no metric in the expression has label reason")),
        Arguments.of("le on a counter", "sum by (le) (sockguard_http_requests_total)",
            List.of("no metric in the expression has label le")),
        Arguments.of("histogram family name without suffix", "sockguard_http_request_duration_seconds",
            List.of("unknown metric sockguard_http_request_duration_seconds")),
        Arguments.of("grafana variable in a matcher", "sockguard_policy_version{instance=~\"$instance\"}", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checkerCases")
  void checkerFindsExactlyTheseProblems(String name, String expr, List<String> problems) {
    assertEquals(problems, check(expr));
  }

  @Test
  void dashboardQueriesNameOnlyExportedMetricsAndLabels() throws IOException {
    JsonObject dashboard = Json.parse(Files.readString(DASHBOARD)).asObject();
    List<String> exprs = new ArrayList<>();
    collectExprs(dashboard.get("panels").asArray(), exprs);
    for (JsonValue variable : dashboard.get("templating").asObject().get("list").asArray()) {
      JsonValue definition = variable.asObject().get("definition");
      if (definition != null) {
        exprs.add(definition.asString().replaceFirst("^label_values\\((.*),\\s*\\w+\\)$", "$1"));
      }
    }

    assertTrue(exprs.size() >= 15, "queries: " + exprs.size());
    for (String expr : exprs) {
      assertEquals(List.of(), check(expr), expr);
    }
  }

  @Test
  void dashboardShowsWhatTheIssueAsksFor() throws IOException {
    String dashboard = Files.readString(DASHBOARD);

    for (String needle :
        List.of(
            "sum by (reason_code) (rate(sockguard_http_denied_requests_total",
            "histogram_quantile(0.95, sum by (route, le) (rate(sockguard_http_request_duration_seconds_bucket",
            "sockguard_upstream_watchdog_checks_total{result=\\\"connected\\\"",
            "sockguard_upstream_api_up",
            "mode=~\\\"warn|audit\\\"",
            "sockguard_config_reload_total")) {
      assertTrue(dashboard.contains(needle), needle);
    }
  }

  @Test
  void dashboardPanelsHaveUniqueIds() throws IOException {
    JsonArray panels = Json.parse(Files.readString(DASHBOARD)).asObject().get("panels").asArray();
    Set<Integer> ids = new HashSet<>();
    for (JsonValue panel : panels) {
      assertTrue(ids.add(panel.asObject().getInt("id", -1)), panel.toString());
    }
  }

  @Test
  void alertExpressionsNameOnlyExportedMetricsAndEachRuleWaits() throws IOException {
    List<String> lines = Files.readAllLines(ALERTS);
    List<String> alerts = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    List<String> fors = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.startsWith("- alert:")) {
        alerts.add(trimmed.substring("- alert:".length()).strip());
      } else if (trimmed.startsWith("expr:")) {
        exprs.add(trimmed.substring("expr:".length()).strip());
      } else if (trimmed.startsWith("for:")) {
        fors.add(trimmed.substring("for:".length()).strip());
      }
    }

    assertTrue(alerts.containsAll(List.of("SockguardUpstreamSocketDown", "SockguardDockerDaemonWedged")), alerts::toString);
    assertEquals(alerts.size(), exprs.size(), "one expr per alert");
    assertEquals(alerts.size(), fors.size(), "one for: per alert");
    for (String expr : exprs) {
      assertFalse(expr.isEmpty() || expr.startsWith(">") || expr.startsWith("|"), "single-line expr: " + expr);
      assertEquals(List.of(), check(expr), expr);
    }
    assertEquals("30s", fors.get(alerts.indexOf("SockguardUpstreamSocketDown")));
    assertEquals("30s", fors.get(alerts.indexOf("SockguardDockerDaemonWedged")));
  }

  private static void collectExprs(JsonArray panels, List<String> exprs) {
    for (JsonValue value : panels) {
      JsonObject panel = value.asObject();
      JsonValue targets = panel.get("targets");
      if (targets != null) {
        for (JsonValue target : targets.asArray()) {
          exprs.add(target.asObject().getString("expr", ""));
        }
      }
      JsonValue nested = panel.get("panels");
      if (nested != null) {
        collectExprs(nested.asArray(), exprs);
      }
    }
  }
}
