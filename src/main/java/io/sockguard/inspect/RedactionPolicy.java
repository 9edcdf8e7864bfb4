package io.sockguard.inspect;

/**
 * What the {@code [response]} section hides in inspect and list answers.
 *
 * @param containerEnv {@code Config.Env} values in container inspect become {@code NAME=<redacted>}
 * @param mountPaths host paths of mounts and binds become {@code <redacted>}
 * @param networkTopology IP, MAC and gateway addresses become {@code <redacted>}
 */
public record RedactionPolicy(boolean containerEnv, boolean mountPaths, boolean networkTopology) {
  public static final RedactionPolicy NONE = new RedactionPolicy(false, false, false);

  public boolean isEmpty() {
    return !containerEnv && !mountPaths && !networkTopology;
  }
}
