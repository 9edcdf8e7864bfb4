package io.sockguard.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointCostsTest {
  private static final EndpointCosts TABLE =
      new EndpointCosts(
          List.of(
              new EndpointCosts.Entry("/containers/create", List.of("POST"), 20),
              new EndpointCosts.Entry("/containers/*/logs", List.of("GET"), 5),
              new EndpointCosts.Entry("/containers/*/json", List.of(), 2),
              new EndpointCosts.Entry("/images/**", List.of("GET", "HEAD"), 3),
              new EndpointCosts.Entry("/images/json", List.of("*"), 50),
              new EndpointCosts.Entry("/build", List.of("*"), 100)));

  static Stream<Arguments> costs() {
    return Stream.of(
        // case, method, canonical path, expected cost
        Arguments.of("literal with its method", "POST", "/containers/create", 20),
        Arguments.of("literal with another method costs the default", "GET", "/containers/create", 1),
        Arguments.of("star matches one segment", "GET", "/containers/abc/logs", 5),
        Arguments.of("star does not match two segments", "GET", "/containers/a/b/logs", 1),
        Arguments.of("star does not match zero segments", "GET", "/containers/logs", 1),
        Arguments.of("empty method list means any method", "DELETE", "/containers/x/json", 2),
        Arguments.of("double star matches zero segments", "GET", "/images", 3),
        Arguments.of("double star matches many segments", "HEAD", "/images/library/busybox/json", 3),
        Arguments.of("first match wins over a later one", "GET", "/images/json", 3),
        Arguments.of("a later entry still matches other methods", "DELETE", "/images/json", 50),
        Arguments.of("methods are case-sensitive", "post", "/containers/create", 1),
        Arguments.of("paths are case-sensitive", "POST", "/Containers/create", 1),
        Arguments.of("trailing slash is its own path", "POST", "/containers/create/", 1),
        Arguments.of("star method", "PUT", "/build", 100),
        Arguments.of("unlisted endpoint costs one", "GET", "/_ping", 1),
        Arguments.of("root path costs one", "GET", "/", 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("costs")
  void chargesTheFirstMatchingEntry(String name, String method, String path, int expected) {
    assertEquals(expected, TABLE.costOf(method, path));
  }

  @Test
  void anEmptyTableChargesOneForEverything() {
    assertEquals(1, EndpointCosts.NONE.costOf("POST", "/containers/create"));
    assertEquals(1, EndpointCosts.NONE.maxCost());
  }

  @Test
  void knowsItsLargestCost() {
    assertEquals(100, TABLE.maxCost());
  }

  static Stream<Arguments> badEntries() {
    return Stream.of(
        // case, path, methods, cost
        Arguments.of("relative path", "containers/json", List.of(), 1),
        Arguments.of("star inside a segment", "/containers/abc*", List.of(), 1),
        Arguments.of("percent in the pattern", "/containers/%2e", List.of(), 1),
        Arguments.of("lower-case method", "/containers/json", List.of("get"), 1),
        Arguments.of("blank method", "/containers/json", List.of(""), 1),
        Arguments.of("zero cost", "/containers/json", List.of(), 0),
        Arguments.of("cost above the largest burst", "/containers/json", List.of(), 65_536));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEntries")
  void refusesEntriesThatCannotWork(String name, String path, List<String> methods, int cost) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EndpointCosts(List.of(new EndpointCosts.Entry(path, methods, cost))));
    assertTrue(!e.getMessage().isBlank());
  }
}
