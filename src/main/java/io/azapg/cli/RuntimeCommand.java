package io.azapg.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aza-pg runtime …}: the in-image steps ({@link RuntimeSteps}). Hidden from the top-level
 * help: these run inside the container, not on a developer's machine, where the entrypoint calls
 * them through {@link RuntimeMain}, which starts faster.
 */
@Command(
    name = "runtime",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "In-image start-up steps, called by the container's entrypoint.",
    subcommands = {
      RuntimeCommand.PrepareRoot.class,
      RuntimeCommand.Prepare.class,
      RuntimeCommand.SidecarCredentials.class
    })
final class RuntimeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command: prepare-root, prepare or sidecar");
  }

  /**
   * {@code aza-pg runtime prepare-root -- postgres [args…]}: the root part of a start (validate the
   * environment, read the secret files, create and hand over the directories). Prints the secret
   * values for {@code prepare --secrets-from-stdin} on stdout, which the entrypoint pipes straight
   * into that step, run as postgres.
   */
  @Command(
      name = "prepare-root",
      mixinStandardHelpOptions = true,
      description =
          "As root: validate the environment, read the *_FILE secrets, create PGDATA, the WAL and"
              + " socket directories and hand them to postgres. Prints the secrets for 'prepare"
              + " --secrets-from-stdin' on stdout; reads nothing inside PGDATA.")
  static final class PrepareRoot implements Callable<Integer> {
    private final Console console;

    @Parameters(arity = "0..*", paramLabel = "SERVER_ARGS", description = "Ignored (as prepare).")
    List<String> serverArgs = new ArrayList<>();

    PrepareRoot(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      RuntimeSteps.prepareRoot(console);
      return 0;
    }
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

    @Option(
        names = "--secrets-from-stdin",
        description = "Read the values of the *_FILE variables from stdin ('prepare-root' output).")
    boolean secretsFromStdin;

    Prepare(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      RuntimeSteps.prepare(
          console, serverArgs, secretsFromStdin ? Optional.of(System.in) : Optional.empty());
      return 0;
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
      RuntimeSteps.sidecar(service);
      return 0;
    }
  }
}
