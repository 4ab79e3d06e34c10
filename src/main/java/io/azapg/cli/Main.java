package io.azapg.cli;

import java.io.PrintWriter;

/** Process entry point: builds the command line on the real streams and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // networknt logs through SLF4J; keep its chatter off the user's terminal.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Console console = Console.system();
    int code = Cli.commandLine(console).execute(args);
    console.out().flush();
    console.err().flush();
    System.exit(code);
  }

  /** Runs the CLI against the given writers; used by in-process tests. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return Cli.commandLine(new Console(out, err, false)).execute(args);
  }
}
