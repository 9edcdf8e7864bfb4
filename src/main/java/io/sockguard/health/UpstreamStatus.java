package io.sockguard.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One look at the daemon: whether it was up (the socket dialled, or the API answered) and when. Immutable.
 *
 * @param error why it was down, or null when up
 * @param checkedAt when the look was taken, or null when none has been taken yet
 */
public record UpstreamStatus(boolean up, String error, Instant checkedAt) {

  public UpstreamStatus {
    if (!up) {
      Objects.requireNonNull(error, "error");
    }
  }

  static UpstreamStatus up(Instant at) {
    return new UpstreamStatus(true, null, at);
  }

  static UpstreamStatus down(String error, Instant at) {
    return new UpstreamStatus(false, error, at);
  }
}
