package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the container's start-up steps, {@code java -cp aza-pg.jar
 * io.azapg.cli.RuntimeMain STEP …}: the steps of {@code aza-pg runtime} ({@link RuntimeSteps}),
 * with the same errors and exit codes, parsed by hand. The entrypoint runs it twice at every start
 * inside memory-limited containers; building the whole CLI's picocli model first cost about 0.4 s
 * of CPU each time, and picocli's classes (Java 5 class files) cannot be class-data shared.
 *
 * <pre>
 * prepare-root [--] [postgres ARGS...]
 * prepare [--secrets-from-stdin] [--] [postgres ARGS...]
 * sidecar SERVICE
 * </pre>
 */
public final class RuntimeMain {
  static final String USAGE =
      "usage: RuntimeMain prepare-root [--] [postgres ARGS...]"
          + " | prepare [--secrets-from-stdin] [--] [postgres ARGS...] | sidecar SERVICE";

  private RuntimeMain() {}

  public static void main(String[] args) {
    Console console = Console.system();
    int code = run(console, args);
    console.out().flush();
    console.err().flush();
    System.exit(code);
  }

  /** Runs one step; returns the exit code (failures reported on the console's stderr). */
  static int run(Console console, String... args) {
    try {
      step(console, List.of(args));
      return ExitCode.OK.code();
    } catch (RuntimeException e) {
      return Failures.report(e, console);
    }
  }

  private static void step(Console console, List<String> args) {
    if (args.isEmpty()) {
      throw usage("no step given");
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "prepare-root" -> RuntimeSteps.prepareRoot(console);
      case "prepare" -> {
        boolean secrets = !rest.isEmpty() && rest.get(0).equals("--secrets-from-stdin");
        List<String> server = secrets ? rest.subList(1, rest.size()) : rest;
        RuntimeSteps.prepare(
            console, serverArgs(server), secrets ? Optional.of(System.in) : Optional.empty());
      }
      case "sidecar" -> {
        if (rest.size() != 1) {
          throw usage("sidecar takes one SERVICE, got " + rest.size() + " arguments");
        }
        RuntimeSteps.sidecar(rest.get(0));
      }
      default -> throw usage("unknown step \"" + args.get(0) + "\"");
    }
  }

  private static List<String> serverArgs(List<String> args) {
    if (!args.isEmpty() && args.get(0).equals("--")) {
      return args.subList(1, args.size());
    }
    if (!args.isEmpty() && args.get(0).startsWith("-")) {
      throw usage("unknown option \"" + args.get(0) + "\" (the server's arguments follow \"--\")");
    }
    return args;
  }

  private static AzaPgException usage(String why) {
    return new AzaPgException(ExitCode.USAGE, why, List.of(USAGE));
  }
}
