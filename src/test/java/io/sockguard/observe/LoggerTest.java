package io.sockguard.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggerTest {
  private final List<String> lines = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void attackerControlledValuesCannotForgeJsonRecords() {
    Logger logger = new Logger(lines::add, Level.INFO, true, clock);
    String evil = "/x\"}\n{\"level\":\"INFO\",\"msg\":\"forged\u2028\u0000";
    logger.info("request", "path", evil, "status", 403);
    assertEquals(1, lines.size());
    assertFalse(lines.get(0).contains("\n"));
    JsonObject parsed = Json.parse(lines.get(0)).asObject();
    assertEquals(evil, parsed.getString("path", null));
    assertEquals("request", parsed.getString("msg", null));
    assertEquals(403, parsed.getInt("status", 0));
    assertEquals("2026-11-25T00:00:00Z", parsed.getString("time", null));
  }

  @Test
  void attackerControlledValuesCannotForgeTextRecords() {
    Logger logger = new Logger(lines::add, Level.INFO, false, clock);
    logger.info("request", "path", "/x level=ERROR msg=forged\nnext");
    assertEquals(1, lines.size());
    assertFalse(lines.get(0).contains("\n"));
    assertTrue(lines.get(0).contains("path=\"/x level=ERROR msg=forged\\nnext\""), lines.get(0));
  }

  @Test
  void dropsEventsBelowThresholdAndNullFields() {
    Logger logger = new Logger(lines::add, Level.WARN, true, clock);
    logger.info("quiet");
    logger.warn("loud", "error", null, "up", false);
    assertEquals(1, lines.size());
    JsonObject parsed = Json.parse(lines.get(0)).asObject();
    assertEquals("WARN", parsed.getString("level", null));
    assertFalse(parsed.get("up").asBoolean());
    assertEquals(null, parsed.get("error"));
  }
}
