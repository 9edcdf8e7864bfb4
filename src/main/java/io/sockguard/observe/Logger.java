package io.sockguard.observe;

import java.time.Clock;
import java.time.Instant;

/**
 * Structured logging: every line is one event with an event name ({@code msg}) and stable keys, written as one JSON
 * object or one logfmt line. Values are escaped so that attacker-controlled text (paths, headers) can never end a
 * line or forge a field. Thread-safe; events below the configured level cost one comparison.
 */
public final class Logger {
  private final LogSink sink;
  private final Level threshold;
  private final boolean json;
  private final Clock clock;

  public Logger(LogSink sink, Level threshold, boolean json, Clock clock) {
    this.sink = sink;
    this.threshold = threshold;
    this.json = json;
    this.clock = clock;
  }

  public boolean isEnabled(Level level) {
    return level.compareTo(threshold) >= 0;
  }

  /** Starts an event; call {@link Event#emit()} to write it. Returns a no-op event when the level is disabled. */
  public Event event(Level level, String msg) {
    if (!isEnabled(level)) {
      return Event.DISABLED;
    }
    return new Event(this, level, msg, clock.instant());
  }

  public void info(String msg, Object... keyValues) {
    event(Level.INFO, msg).fields(keyValues).emit();
  }

  public void warn(String msg, Object... keyValues) {
    event(Level.WARN, msg).fields(keyValues).emit();
  }

  public void error(String msg, Object... keyValues) {
    event(Level.ERROR, msg).fields(keyValues).emit();
  }

  public void debug(String msg, Object... keyValues) {
    event(Level.DEBUG, msg).fields(keyValues).emit();
  }

  /** One log event under construction. Not thread-safe; build and emit on one thread. */
  public static final class Event {
    static final Event DISABLED = new Event(null, Level.DEBUG, "", Instant.EPOCH);

    private final Logger logger;
    private final StringBuilder line;

    private Event(Logger logger, Level level, String msg, Instant time) {
      this.logger = logger;
      this.line = logger == null ? null : new StringBuilder(256);
      if (logger != null) {
        if (logger.json) {
          line.append('{');
        }
        raw("time", time.toString());
        raw("level", level.name());
        field("msg", msg);
      }
    }

    private void raw(String key, String value) {
      field(key, value);
    }

    /** Adds {@code key} with a string, number or boolean value; {@code null} values are left out. */
    public Event field(String key, Object value) {
      if (logger == null || value == null) {
        return this;
      }
      if (logger.json) {
        if (line.length() > 1) {
          line.append(',');
        }
        line.append('"').append(key).append("\":");
        if (value instanceof Number || value instanceof Boolean) {
          line.append(value);
        } else {
          Escaping.jsonString(line, value.toString());
        }
      } else {
        if (!line.isEmpty()) {
          line.append(' ');
        }
        line.append(key).append('=');
        Escaping.logfmtValue(line, value.toString());
      }
      return this;
    }

    public Event fields(Object... keyValues) {
      for (int i = 0; i + 1 < keyValues.length; i += 2) {
        field((String) keyValues[i], keyValues[i + 1]);
      }
      return this;
    }

    public void emit() {
      if (logger == null) {
        return;
      }
      if (logger.json) {
        line.append('}');
      }
      logger.sink.write(line.toString());
    }
  }
}
