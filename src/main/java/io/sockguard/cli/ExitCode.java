package io.sockguard.cli;

/** Process exit codes; distinct for usage, configuration and runtime failures. */
enum ExitCode {
  OK(0),
  CONFIG_INVALID(1),
  USAGE(2),
  RUNTIME_FAILURE(3);

  final int code;

  ExitCode(int code) {
    this.code = code;
  }
}
