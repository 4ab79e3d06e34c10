package io.azapg.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code aza-pg} command: global options and the list of subcommands. */
@Command(
    name = "aza-pg",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A production PostgreSQL 18 distribution: catalog, tuning, image, stacks.",
    subcommands = {
      CatalogCommand.class,
      GenerateCommand.class,
      LockCommand.class,
      BuildCommand.class,
      VerifyImageCommand.class,
      BenchCommand.class,
      TuneCommand.class,
      EngineCommand.class,
      BaseCommand.class,
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      LogsCommand.class,
      PsqlCommand.class,
      StackCommand.class,
      RuntimeCommand.class,
      ReleaseCommand.class,
      SbomCommand.class,
      ValidateCommand.class,
      DiagnoseCommand.class,
      WaitCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      CertsCommand.class,
      PromoteCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 check failed, 2 usage, 3 invalid input, 4 container engine,"
          + " 5 database, 6 timeout, 70 internal error."
    })
final class AzaPgCommand implements Callable<Integer> {
  private final Console console;

  @Spec CommandSpec spec;

  AzaPgCommand(Console console) {
    this.console = console;
  }

  @Option(
      names = {"-v", "--verbose"},
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Show detail and stack traces on stderr.")
  void setVerbose(boolean verbose) {
    console.setVerbose(verbose);
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: choose one of the commands below");
  }
}
