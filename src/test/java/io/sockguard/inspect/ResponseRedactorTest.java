package io.sockguard.inspect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import io.sockguard.route.PathCanonicalizer;
import org.junit.jupiter.api.Test;

class ResponseRedactorTest {
  private static final RedactionPolicy ALL = new RedactionPolicy(true, true, true);

  private static final String INSPECT =
      """
      {"Id":"abc","Config":{"Env":["PATH=/bin","DB_PASSWORD=hunter2","EMPTY="]},
       "HostConfig":{"Binds":["/srv/data:/data:ro"]},
       "Mounts":[{"Type":"bind","Source":"/srv/data","Destination":"/data"}],
       "NetworkSettings":{"IPAddress":"172.17.0.2","MacAddress":"02:42:ac:11:00:02","Gateway":"",
         "Networks":{"bridge":{"IPAddress":"172.17.0.2","Gateway":"172.17.0.1","NetworkID":"n1"}}}}
      """;

  private static JsonObject redact(String method, String path, String body, RedactionPolicy policy) {
    byte[] out = ResponseRedactor.redact(method, PathCanonicalizer.canonicalize(path), body.getBytes(UTF_8), policy);
    return Json.parse(new String(out, UTF_8)).asObject();
  }

  @Test
  void redactsEnvironmentValuesButKeepsNames() {
    JsonObject c = redact("GET", "/v1.41/containers/abc/json", INSPECT, new RedactionPolicy(true, false, false));
    assertEquals(
        "[\"PATH=<redacted>\",\"DB_PASSWORD=<redacted>\",\"EMPTY=<redacted>\"]",
        c.get("Config").asObject().get("Env").toString());
    assertEquals("/srv/data", c.get("Mounts").asArray().get(0).asObject().getString("Source", null));
    assertFalse(c.toString().contains("hunter2"));
  }

  @Test
  void redactsMountSourcesAndBindHostPaths() {
    JsonObject c = redact("GET", "/containers/abc/json", INSPECT, new RedactionPolicy(false, true, false));
    assertEquals("<redacted>", c.get("Mounts").asArray().get(0).asObject().getString("Source", null));
    assertEquals("[\"<redacted>:/data:ro\"]", c.get("HostConfig").asObject().get("Binds").toString());
  }

  @Test
  void redactsNetworkAddressesInInspectAndList() {
    JsonObject c = redact("GET", "/containers/abc/json", INSPECT, new RedactionPolicy(false, false, true));
    String text = c.toString();
    assertFalse(text.contains("172.17.0"), text);
    assertFalse(text.contains("02:42"), text);
    assertTrue(text.contains("\"NetworkID\":\"n1\""), text);
    byte[] list =
        ResponseRedactor.redact(
            "GET",
            PathCanonicalizer.canonicalize("/containers/json"),
            ("[" + INSPECT + "]").getBytes(UTF_8),
            ALL);
    assertFalse(new String(list, UTF_8).contains("172.17.0"));
    assertTrue(new String(list, UTF_8).contains("hunter2"), "lists carry no env in real answers; left as is");
  }

  @Test
  void knowsWhichRoutesItRewrites() {
    assertTrue(ResponseRedactor.applies("GET", PathCanonicalizer.canonicalize("/v1.41/containers/x/json"), ALL));
    assertFalse(ResponseRedactor.applies("GET", PathCanonicalizer.canonicalize("/containers/x/logs"), ALL));
    assertFalse(ResponseRedactor.applies("POST", PathCanonicalizer.canonicalize("/containers/x/json"), ALL));
    assertFalse(
        ResponseRedactor.applies(
            "GET", PathCanonicalizer.canonicalize("/containers/json"), new RedactionPolicy(true, false, false)));
    assertTrue(ResponseRedactor.applies("GET", PathCanonicalizer.canonicalize("/networks/n1"), ALL));
  }

  @Test
  void refusesToPassThroughWhatItCannotRead() {
    assertThrows(
        ResponseRedactor.UnreadableResponseException.class,
        () -> redact("GET", "/containers/abc/json", "{\"Config\":", ALL));
    assertThrows(
        ResponseRedactor.UnreadableResponseException.class,
        () -> redact("GET", "/containers/json", "{\"not\":\"a list\"}", ALL));
  }
}
