package io.sockguard.cli;

/** Process entry point: the only {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new Cli(System.out, System.err, System.getenv()).run(args).code);
  }
}
