package io.sockguard.inspect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.route.PathCanonicalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisibilityTest {
  private static final LabelSelector TEAM_WEB = LabelSelector.parse(List.of("team=web", "managed"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          container inspect        | /v1.41/containers/abc/json         | container | abc                 | /containers/abc/json
          container logs           | /containers/abc/logs               | container | abc                 | /containers/abc/json
          container delete         | /containers/abc                    | container | abc                 | /containers/abc/json
          container list           | /containers/json                   | -         | -                   | -
          container create         | /containers/create                 | -         | -                   | -
          namespaced image inspect | /images/linuxserver/qbittorrent:1/json | image | linuxserver/qbittorrent:1 | /images/linuxserver/qbittorrent:1/json
          image delete             | /images/busybox                    | image     | busybox             | /images/busybox/json
          image list               | /images/json                       | -         | -                   | -
          network connect          | /networks/n1/connect               | network   | n1                  | /networks/n1
          volume inspect           | /volumes/data                      | volume    | data                | /volumes/data
          volume create            | /volumes/create                    | -         | -                   | -
          system info              | /info                              | -         | -                   | -
          """)
  void findsTheResourceARequestNames(String name, String path, String kind, String resource, String inspect) {
    Visibility.Resource found = Visibility.resourceOf(PathCanonicalizer.canonicalize(path));
    if (kind == null) {
      assertNull(found, name);
    } else {
      assertEquals(new Visibility.Resource(kind, resource, inspect), found, name);
    }
  }

  @Test
  void filtersListsByEveryTerm() {
    String list =
        "[{\"Id\":\"a\",\"Labels\":{\"team\":\"web\",\"managed\":\"\"}},{\"Id\":\"b\",\"Labels\":{\"team\":\"web\"}},"
            + "{\"Id\":\"c\",\"Labels\":null},{\"Id\":\"d\",\"Labels\":{\"team\":\"db\",\"managed\":\"1\"}}]";
    String kept =
        new String(
            Visibility.filterList(PathCanonicalizer.canonicalize("/containers/json"), list.getBytes(UTF_8), TEAM_WEB),
            UTF_8);
    assertTrue(kept.contains("\"a\""), kept);
    assertFalse(kept.contains("\"b\"") || kept.contains("\"c\"") || kept.contains("\"d\""), kept);
    String volumes = "{\"Volumes\":[{\"Name\":\"v1\",\"Labels\":{\"team\":\"web\",\"managed\":\"y\"}},{\"Name\":\"v2\"}]}";
    String keptVolumes =
        new String(
            Visibility.filterList(PathCanonicalizer.canonicalize("/volumes"), volumes.getBytes(UTF_8), TEAM_WEB), UTF_8);
    assertTrue(keptVolumes.contains("v1") && !keptVolumes.contains("v2"), keptVolumes);
    assertThrows(
        ResponseRedactor.UnreadableResponseException.class,
        () -> Visibility.filterList(PathCanonicalizer.canonicalize("/containers/json"), "{".getBytes(UTF_8), TEAM_WEB));
  }

  @Test
  void judgesEventsByTheirActorsAttributes() {
    assertTrue(Visibility.eventVisible(
        "{\"Type\":\"container\",\"Actor\":{\"ID\":\"a\",\"Attributes\":{\"team\":\"web\",\"managed\":\"\",\"name\":\"x\"}}}",
        TEAM_WEB));
    assertFalse(Visibility.eventVisible(
        "{\"Type\":\"container\",\"Actor\":{\"ID\":\"b\",\"Attributes\":{\"team\":\"web\",\"name\":\"y\"}}}", TEAM_WEB));
    assertFalse(Visibility.eventVisible("not json", TEAM_WEB));
    assertTrue(Visibility.eventVisible("not json", LabelSelector.ALL));
  }

  @Test
  void inspectLabelsLiveUnderConfigForContainersAndImages() {
    byte[] container = "{\"Config\":{\"Labels\":{\"team\":\"web\",\"managed\":\"1\"}}}".getBytes(UTF_8);
    byte[] network = "{\"Labels\":{\"team\":\"web\",\"managed\":\"1\"}}".getBytes(UTF_8);
    assertTrue(Visibility.visible(new Visibility.Resource("container", "a", ""), container, TEAM_WEB));
    assertFalse(Visibility.visible(new Visibility.Resource("container", "a", ""), network, TEAM_WEB));
    assertTrue(Visibility.visible(new Visibility.Resource("network", "n", ""), network, TEAM_WEB));
  }
}
