package io.sockguard.config;

import java.util.List;

/**
 * Thrown when a configuration has at least one problem; carries every problem found, not only the first, so an
 * operator can fix them all in one go. The list is immutable and in the order the loader found them.
 */
public final class ConfigException extends Exception {

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, never empty. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String render(List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    StringBuilder text = new StringBuilder();
    text.append(problems.size()).append(problems.size() == 1 ? " configuration problem:" : " configuration problems:");
    for (ConfigProblem problem : problems) {
      text.append("\n  ").append(problem);
    }
    return text.toString();
  }
}
