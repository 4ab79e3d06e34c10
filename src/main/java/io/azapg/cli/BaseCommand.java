package io.azapg.cli;

import io.azapg.common.Reporter;
import io.azapg.engine.base.BaseImage;
import io.azapg.engine.base.BaseImageResult;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg base}: ensures the registry-free Debian base image exists; prints its name. */
@Command(
    name = "base",
    mixinStandardHelpOptions = true,
    description = {
      "Ensure the base image localhost/aza-pg-base:<suite> exists ($AZA_PG_BASE_REPOSITORY"
          + " names another repository).",
      "Tries docker.io/library/debian:<suite>-slim first; without a registry it bootstraps Debian"
          + " with debootstrap (minbase) from the host's apt mirror, verifying the archive's"
          + " signature with the keyring, and imports it (needs root). Prints the image name on"
          + " stdout."
    })
final class BaseCommand implements Callable<Integer> {
  private final Console console;

  @Option(
      names = "--suite",
      defaultValue = BaseImage.DEFAULT_SUITE,
      description = "Debian suite (default: ${DEFAULT-VALUE}, the one with PostgreSQL 18).")
  String suite;

  @Mixin MirrorOptions mirror;

  @Option(names = "--rebuild", description = "Bootstrap a new image even if one exists.")
  boolean rebuild;

  @Option(names = "--no-pull", description = "Do not try a registry first.")
  boolean noPull;

  @Mixin EngineOption engineOption;

  BaseCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Reporter reporter = console.reporter();
    ProcessRunner runner = new DefaultProcessRunner();
    BaseImageResult result =
        new BaseImage(engineOption.select(runner, reporter), runner, Project.baseRepository())
            .ensure(suite, mirror.source(suite, reporter), rebuild, !noPull, reporter);
    console.out().println(result.reference());
    console.out().flush();
    return 0;
  }
}
