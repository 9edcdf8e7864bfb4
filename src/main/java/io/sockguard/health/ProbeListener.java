package io.sockguard.health;

/** Hears every probe result (metrics hook). Called on the probe's thread; must be fast and thread-safe. */
@FunctionalInterface
public interface ProbeListener {
  ProbeListener NONE = up -> {};

  void probed(boolean up);
}
