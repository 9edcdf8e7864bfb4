package io.sockguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "inside /8,              10.0.0.0/8,        10.200.3.4,      true",
    "outside /8,             10.0.0.0/8,        11.0.0.1,        false",
    "odd prefix inside,      192.168.4.0/22,    192.168.7.255,   true",
    "odd prefix outside,     192.168.4.0/22,    192.168.8.0,     false",
    "bare address,           127.0.0.1,         127.0.0.1,       true",
    "bare address other,     127.0.0.1,         127.0.0.2,       false",
    "everything v4,          0.0.0.0/0,         203.0.113.9,     true",
    "v6 network,             fd00::/8,          fd12:3456::1,    true",
    "v4 never matches v6,    0.0.0.0/0,         ::1,             false",
    "v4-mapped written,      ::ffff:10.0.0.0/104, 10.9.9.9,      true",
  })
  void containsAddresses(String name, String cidr, String address, boolean expected) throws Exception {
    assertEquals(expected, Cidr.parse(cidr).contains(InetAddress.getByName(address)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "host bits set,        10.1.2.3/8,    did you mean 10.0.0.0/8?",
    "prefix too long,      10.0.0.0/33,   from 0 to 32",
    "v6 prefix too long,   ::/129,        from 0 to 128",
    "leading zero octet,   010.0.0.0/8,   invalid IPv4 address",
    "hostname,             localhost/8,   invalid IP address",
    "empty prefix,         10.0.0.0/,     from 0 to 32",
  })
  void refusesAmbiguousNetworks(String name, String cidr, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(cidr));
    assertEquals(true, e.getMessage().contains(message), e.getMessage());
  }
}
