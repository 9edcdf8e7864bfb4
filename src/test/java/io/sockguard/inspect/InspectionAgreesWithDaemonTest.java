package io.sockguard.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.route.CanonicalPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for generated create bodies with random key casing (including U+017F, U+212A, U+0130 and U+0131),
 * duplicated members and {@code \\u} escapes, inspection and a daemon-equivalent reading agree. Whenever inspection
 * allows, the daemon would neither run privileged nor add SYS_ADMIN; and whenever the daemon-equivalent reading finds
 * no ambiguity and nothing dangerous, inspection allows. Fixed seeds, so a failure reproduces.
 */
class InspectionAgreesWithDaemonTest {

  private static final int BODIES = 4000;
  private static final BodyInspector INSPECTOR = new BodyInspector(new FakeHostFilesystem());
  private static final RequestBodyPolicy POLICY = Bodies.policy("");
  private static final CanonicalPath CREATE = new CanonicalPath("/v1.41", "/containers/create", null);

  @Test
  void inspectionAgreesWithLastWinsCaseInsensitiveReading() {
    Random random = new Random(20240541L);
    int allowed = 0;
    int denied = 0;
    for (int i = 0; i < BODIES; i++) {
      String body = createBody(random);
      Verdict verdict = INSPECTOR.inspect("POST", CREATE, body.getBytes(StandardCharsets.UTF_8), POLICY);
      DaemonEquivalentReader.Obj root = (DaemonEquivalentReader.Obj) DaemonEquivalentReader.read(body);
      boolean dangerous = daemonRunsPrivileged(root) || daemonAddsSysAdmin(root);
      if (verdict instanceof Verdict.Allow) {
        allowed++;
        assertTrue(!dangerous, () -> "allowed, but the daemon would read it as dangerous: " + body);
      } else {
        denied++;
        boolean unambiguousAndHarmless = !root.hasFoldDuplicates() && !anyDangerousMember(root);
        assertTrue(!unambiguousAndHarmless, () -> "denied, but the daemon reading is harmless: " + body + " " + verdict);
      }
    }
    // Both outcomes must be common, or the property says little.
    assertTrue(allowed > BODIES / 10, "allowed " + allowed);
    assertTrue(denied > BODIES / 10, "denied " + denied);
  }

  @Test
  void referenceReaderIsLastWinsAndFoldsLikeGo() {
    DaemonEquivalentReader.Obj o =
        (DaemonEquivalentReader.Obj)
            DaemonEquivalentReader.read("{\"privileged\":true,\"Pr\\u0131vileged\":1,\"PRIVILEGED\":false}");
    assertEquals(false, o.field("Privileged"));
    assertEquals(
        Boolean.TRUE,
        ((DaemonEquivalentReader.Obj) DaemonEquivalentReader.read("{\"\\u0043ap\\u0041dd\":true}")).field("capadd"));
  }

  /** The daemon's HostConfig: the member when it is an object, else the deprecated top level. */
  private static DaemonEquivalentReader.Obj hostConfig(DaemonEquivalentReader.Obj root) {
    return root.field("HostConfig") instanceof DaemonEquivalentReader.Obj inner ? inner : root;
  }

  private static boolean daemonRunsPrivileged(DaemonEquivalentReader.Obj root) {
    return Boolean.TRUE.equals(hostConfig(root).field("Privileged"));
  }

  private static boolean daemonAddsSysAdmin(DaemonEquivalentReader.Obj root) {
    return hostConfig(root).field("CapAdd") instanceof List<?> caps && caps.contains("SYS_ADMIN");
  }

  /** Any member at either level the daemon might use that asks for something dangerous. */
  private static boolean anyDangerousMember(DaemonEquivalentReader.Obj root) {
    List<DaemonEquivalentReader.Obj> levels = new ArrayList<>(List.of(root));
    for (Object inner : root.all("HostConfig")) {
      if (inner instanceof DaemonEquivalentReader.Obj obj) {
        levels.add(obj);
      }
    }
    for (DaemonEquivalentReader.Obj level : levels) {
      if (level.all("Privileged").contains(Boolean.TRUE)) {
        return true;
      }
      for (Object caps : level.all("CapAdd")) {
        if (caps instanceof List<?> list && list.contains("SYS_ADMIN")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String createBody(Random random) {
    List<String> top = new ArrayList<>();
    top.add(member(random, "Image", "\"busybox\""));
    if (random.nextInt(4) == 0) {
      top.add(member(random, "Privileged", bool(random)));
    }
    int hostConfigs = random.nextInt(10) < 7 ? 1 : random.nextInt(3);
    for (int h = 0; h < hostConfigs; h++) {
      List<String> inner = new ArrayList<>();
      int fields = 1 + random.nextInt(3);
      for (int f = 0; f < fields; f++) {
        inner.add(
            random.nextBoolean()
                ? member(random, "Privileged", bool(random))
                : member(random, "CapAdd", random.nextBoolean() ? "[\"SYS_ADMIN\"]" : "[\"CHOWN\"]"));
      }
      if (random.nextInt(3) == 0) {
        inner.add(member(random, "NetworkMode", "\"bridge\""));
      }
      java.util.Collections.shuffle(inner, random);
      top.add(member(random, "HostConfig", "{" + String.join(",", inner) + "}"));
    }
    java.util.Collections.shuffle(top, random);
    return "{" + String.join(",", top) + "}";
  }

  private static String bool(Random random) {
    return switch (random.nextInt(5)) {
      case 0, 1 -> "false";
      case 2 -> "null";
      default -> "true";
    };
  }

  /** {@code "name": value} with the name's spelling randomised: case, fold look-alikes, decoys and escapes. */
  private static String member(Random random, String field, String value) {
    StringBuilder name = new StringBuilder();
    for (char c : field.toCharArray()) {
      int roll = random.nextInt(12);
      int spelled = c;
      if ((c == 's' || c == 'S') && roll == 0) {
        spelled = 0x17F; // long s: the same field to Go
      } else if ((c == 'k' || c == 'K') && roll == 0) {
        spelled = 0x212A; // Kelvin sign: the same field to Go
      } else if ((c == 'i' || c == 'I') && roll == 0) {
        spelled = random.nextBoolean() ? 0x130 : 0x131; // a different field to Go
      } else if (roll < 5) {
        spelled = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
      }
      name.append(random.nextInt(6) == 0 ? String.format("\\u%04X", spelled) : Character.toString(spelled));
    }
    return "\"" + name + "\":" + value;
  }
}
