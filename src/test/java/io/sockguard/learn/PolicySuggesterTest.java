package io.sockguard.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.config.RuleConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicySuggesterTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "(none)",
      textBlock =
          """
          static route stays literal        | /containers/json                   | /containers/json          | /containers/json
          id becomes *                      | /containers/3f2a/json              | /containers/{id}/json     | /containers/*/json
          trailing id                       | /containers/3f2a                   | /containers/{id}          | /containers/*
          greedy image name, one * each     | /images/ghcr.io/org/app/json       | /images/{id}/json         | /images/*/*/*/json
          two ids                           | /containers/c1/checkpoints/k1      | /containers/{id}/checkpoints/{id} | /containers/*/checkpoints/*
          unknown route keeps literal path  | /containers/3f2a/nonsense          | /other                    | /containers/3f2a/nonsense
          template that does not fit        | /networks/a/b                      | /networks/{id}/connect    | /networks/a/b
          trailing slash cannot be named    | /networks/                         | /networks/                | (none)
          literal star cannot be named      | /foo/*                             | /other                    | (none)
          space cannot be named             | /foo/a b                           | /other                    | (none)
          percent cannot be named           | /foo/%41                           | /other                    | (none)
          version-like first segment        | /v1.41                             | /other                    | (none)
          star inside id position is fine   | /containers/*/json                 | /containers/{id}/json     | /containers/*/json
          root                              | /                                  | /other                    | (none)
          """)
  void generalisesOnlyWhereTheRouteHasAnId(String name, String path, String route, String expected) {
    assertEquals(Optional.ofNullable(expected), PolicySuggester.patternFor(path, route));
  }

  @Test
  void groupsMethodsPerPathSortedWithDenyAllLast() {
    List<ObservedRequest> log =
        List.of(
            request("POST", "/containers/c2/start", "/containers/{id}/start"),
            request("GET", "/containers/c1/json", "/containers/{id}/json"),
            request("HEAD", "/_ping", "/_ping"),
            request("GET", "/_ping", "/_ping"),
            request("GET", "/containers/c9/json", "/containers/{id}/json"));

    List<RuleConfig> rules = PolicySuggester.suggest(log, Optional.empty()).rules();

    assertEquals(
        List.of(
            "allow GET /_ping",
            "allow HEAD /_ping",
            "allow GET /containers/*/json",
            "allow POST /containers/*/start",
            "deny * /**"),
        rules.stream().map(r -> r.action() + " " + r.method() + " " + r.path()).toList());
    assertEquals("learned from 2 requests", rules.get(2).reason());
  }

  @Test
  void learnsOnlyWhatWasLetThrough() {
    List<ObservedRequest> log =
        List.of(
            new ObservedRequest("GET", "/info", "/info", "would_deny", "default"),
            new ObservedRequest("POST", "/containers/create", "/containers/create", "deny", "default"),
            new ObservedRequest("GET", "/version", "/version", "error", "default"));

    PolicySuggester.Suggestion suggestion = PolicySuggester.suggest(log, Optional.empty());

    assertEquals(List.of("/info", "/**"), suggestion.rules().stream().map(RuleConfig::path).toList());
    assertTrue(suggestion.notes().get(0).startsWith("2 request(s) were denied or failed"), suggestion.notes().toString());
  }

  @Test
  void learnsOneProfileWhenAsked() {
    List<ObservedRequest> log =
        List.of(
            new ObservedRequest("GET", "/info", "/info", "allow", "traefik"),
            new ObservedRequest("GET", "/version", "/version", "allow", "ci"));

    List<RuleConfig> rules = PolicySuggester.suggest(log, Optional.of("traefik")).rules();

    assertEquals(List.of("/info", "/**"), rules.stream().map(RuleConfig::path).toList());
  }

  @Test
  void emptyLogSuggestsDenyAll() {
    PolicySuggester.Suggestion suggestion = PolicySuggester.suggest(List.of(), Optional.empty());

    assertEquals(1, suggestion.rules().size());
    assertTrue(suggestion.toToml().contains("from 0 observed request(s)"));
  }

  @Test
  void reportsPathsNoRuleCanName() {
    PolicySuggester.Suggestion suggestion =
        PolicySuggester.suggest(List.of(request("GET", "/networks/", "/networks/")), Optional.empty());

    assertEquals(List.of("not learned, no rule can name this path: GET /networks/ (1x)"), suggestion.notes());
  }

  private static ObservedRequest request(String method, String path, String route) {
    return new ObservedRequest(method, path, route, "allow", "default");
  }
}
