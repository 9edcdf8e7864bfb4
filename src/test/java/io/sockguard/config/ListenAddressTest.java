package io.sockguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListenAddressTest {

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("IPv4 loopback", "127.0.0.1:2375", "127.0.0.1", 2375, true),
        Arguments.of("elsewhere in 127/8", "127.8.9.10:1", "127.8.9.10", 1, true),
        Arguments.of("IPv6 loopback", "[::1]:2375", "::1", 2375, true),
        Arguments.of("IPv6 loopback written out", "[0:0:0:0:0:0:0:1]:80", "0:0:0:0:0:0:0:1", 80, true),
        Arguments.of("IPv4-mapped loopback", "[::ffff:127.0.0.1]:80", "::ffff:127.0.0.1", 80, true),
        Arguments.of("localhost", "localhost:2375", "localhost", 2375, true),
        Arguments.of("localhost in capitals", "LOCALHOST:2375", "LOCALHOST", 2375, true),
        Arguments.of("port zero", "127.0.0.1:0", "127.0.0.1", 0, true),
        Arguments.of("highest port", "127.0.0.1:65535", "127.0.0.1", 65535, true),
        Arguments.of("all IPv4 interfaces", "0.0.0.0:2375", "0.0.0.0", 2375, false),
        Arguments.of("all IPv6 interfaces", "[::]:2375", "::", 2375, false),
        Arguments.of("private IPv4", "10.1.2.3:2375", "10.1.2.3", 2375, false),
        Arguments.of("IPv6 with embedded IPv4", "[64:ff9b::192.0.2.1]:1", "64:ff9b::192.0.2.1", 1, false),
        Arguments.of("hostname", "docker-proxy.internal:2375", "docker-proxy.internal", 2375, false),
        Arguments.of("localhost lookalike", "localhost.example:2375", "localhost.example", 2375, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesHostPortAndKnowsLoopback(String name, String text, String host, int port, boolean loopback) {
    assertEquals(new ListenAddress(host, port, loopback), ListenAddress.parse(text));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("no port", "127.0.0.1", "missing :port"),
        Arguments.of("empty port", "127.0.0.1:", "port must be"),
        Arguments.of("port too large", "127.0.0.1:65536", "port must be"),
        Arguments.of("negative port", "127.0.0.1:-1", "port must be"),
        Arguments.of("no host", ":2375", "missing host"),
        Arguments.of("octet too large", "256.0.0.1:1", "invalid IPv4"),
        Arguments.of("leading zero octet", "010.0.0.1:1", "invalid IPv4"),
        Arguments.of("three octets", "127.0.1:1", "four parts"),
        Arguments.of("IPv6 without brackets", "::1:2375", "need brackets"),
        Arguments.of("unclosed bracket", "[::1:2375", "missing ]"),
        Arguments.of("nothing after bracket", "[::1]", "missing :port"),
        Arguments.of("two gaps", "[1::2::3]:1", "invalid IPv6"),
        Arguments.of("too many groups", "[1:2:3:4:5:6:7:8:9]:1", "invalid IPv6"),
        Arguments.of("too few groups", "[1:2:3]:1", "invalid IPv6"),
        Arguments.of("zone id", "[fe80::1%eth0]:1", "invalid IPv6"),
        Arguments.of("hostname with underscore", "my_host:1", "invalid hostname"),
        Arguments.of("hostname with empty label", "a..b:1", "invalid hostname"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesMalformedAddresses(String name, String text, String fragment) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(text));

    assertTrue(thrown.getMessage().contains(fragment), thrown::getMessage);
  }
}
