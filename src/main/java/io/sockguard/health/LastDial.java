package io.sockguard.health;

import io.sockguard.upstream.UpstreamDialer;
import io.sockguard.upstream.UpstreamUnreachableException;
import java.time.Clock;
import java.util.Objects;

/**
 * Health without the watchdog: remembers the outcome of the most recent dial made for client traffic (it is the
 * data-plane dialer's listener). Before any traffic it dials once itself, so a fresh proxy does not report a state
 * it never observed. Thread-safe.
 */
public final class LastDial implements UpstreamDialer.Listener {
  private final UpstreamDialer firstLook;
  private final Clock clock;
  private volatile UpstreamStatus latest;

  /**
   * @param firstLook a dialer without listeners, used only while no client dial has happened
   */
  public LastDial(UpstreamDialer firstLook, Clock clock) {
    this.firstLook = Objects.requireNonNull(firstLook, "firstLook");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void dialed() {
    latest = UpstreamStatus.up(clock.instant());
  }

  @Override
  public void dialFailed(String error) {
    latest = UpstreamStatus.down(error, clock.instant());
  }

  /** The outcome of the latest dial. */
  public UpstreamStatus status() {
    UpstreamStatus current = latest;
    if (current != null) {
      return current;
    }
    try {
      firstLook.dial().close();
      dialed();
    } catch (UpstreamUnreachableException e) {
      dialFailed(e.getMessage());
    }
    return latest;
  }
}
