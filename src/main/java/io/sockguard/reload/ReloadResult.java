package io.sockguard.reload;

import java.util.Locale;

/** How a reload attempt ended; {@link #wire()} is the {@code result} label of {@code sockguard_config_reload_total}. */
public enum ReloadResult {
  OK,
  REJECT_LOAD,
  REJECT_VALIDATION,
  REJECT_IMMUTABLE,
  REJECT_SIGNATURE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
