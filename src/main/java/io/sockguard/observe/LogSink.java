package io.sockguard.observe;

import java.io.PrintStream;

/** Where finished log lines go. Implementations must be thread-safe; a line never contains a raw newline. */
@FunctionalInterface
public interface LogSink {
  void write(String line);

  /** Writes each line to {@code stream}, one {@code println} per line (PrintStream is internally synchronised). */
  static LogSink of(PrintStream stream) {
    return stream::println;
  }
}
