package io.azapg.cli;

import io.azapg.catalog.CatalogLoader;
import io.azapg.runtime.DetectedTuning;
import io.azapg.runtime.Env;
import io.azapg.runtime.ProcessExec;
import io.azapg.runtime.Sidecar;
import io.azapg.runtime.Startup;
import io.azapg.runtime.SystemPaths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code aza-pg runtime …}: the in-image steps the entrypoint script calls. Hidden from the
 * top-level help: these run inside the container, not on a developer's machine.
 */
@Command(
    name = "runtime",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "In-image start-up steps, called by the container's entrypoint.",
    subcommands = {RuntimeCommand.Prepare.class, RuntimeCommand.SidecarCredentials.class})
final class RuntimeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command: prepare or sidecar");
  }

  /**
   * {@code aza-pg runtime prepare -- postgres [args…]}: everything before {@code exec postgres}.
   * Reads the container's environment; prints nothing on stdout; exit 0 means the server may start.
   */
  @Command(
      name = "prepare",
      mixinStandardHelpOptions = true,
      description =
          "Validate the environment, prepare directories and ownership, initialise an empty data"
              + " directory (initdb, temporary server, init steps, init files) and write the tuning"
              + " include. Exit 0: exec the server next.")
  static final class Prepare implements Callable<Integer> {
    private final Console console;

    @Parameters(
        arity = "0..*",
        paramLabel = "SERVER_ARGS",
        description =
            "The server command line: postgres [args...] (the temporary server gets the args too).")
    List<String> serverArgs = new ArrayList<>();

    Prepare(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      List<String> args = new ArrayList<>(serverArgs);
      if (!args.isEmpty() && args.get(0).equals("postgres")) {
        args.remove(0);
      }
      new Startup(
              new Env(System.getenv()),
              new ProcessExec(line -> console.err().println(line)),
              console.reporter(),
              new CatalogLoader().loadShipped(),
              new DetectedTuning(console.reporter()),
              SystemPaths.image(),
              Clock.systemUTC(),
              version())
          .prepare(args);
      return 0;
    }

    private static String version() {
      String v = Main.class.getPackage().getImplementationVersion();
      return v == null ? "dev" : v;
    }
  }

  /**
   * {@code aza-pg runtime sidecar SERVICE}: the credential files PgBouncer or an exporter reads,
   * written from the secret files before the {@code aza-pg-sidecar} script drops privileges and
   * execs the program. Prints nothing on stdout.
   */
  @Command(
      name = "sidecar",
      mixinStandardHelpOptions = true,
      description =
          "Write the credential files of pgbouncer, postgres-exporter or pgbouncer-exporter"
              + " (0600, owned by the service's user) from their *_FILE secrets.")
  static final class SidecarCredentials implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "SERVICE",
        description = "pgbouncer, postgres-exporter or pgbouncer-exporter.")
    String service;

    @Override
    public Integer call() {
      Sidecar.inImage(new Env(System.getenv())).prepare(Sidecar.Service.parse(service));
      return 0;
    }
  }
}
