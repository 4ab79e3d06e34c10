package io.azapg.cli;

import io.azapg.common.Reporter;
import io.azapg.engine.base.BaseImage;
import io.azapg.engine.base.BaseImageResult;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg base}: ensures the registry-free Debian base image exists; prints its name. */
@Command(
    name = "base",
    mixinStandardHelpOptions = true,
    description = {
      "Ensure the base image localhost/aza-pg-base:<suite> exists.",
      "Tries docker.io/library/debian:<suite>-slim first; without a registry it bootstraps",
      "Debian with debootstrap (minbase) from the host's apt mirror and imports it (needs root).",
      "Prints the image name on stdout."
    })
final class BaseCommand implements Callable<Integer> {
  private final Console console;

  @Option(
      names = "--suite",
      defaultValue = BaseImage.DEFAULT_SUITE,
      description = "Debian suite (default: ${DEFAULT-VALUE}, the one with PostgreSQL 18).")
  String suite;

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description = "Debian mirror (default: the first Debian mirror in the host's apt sources).")
  String mirror;

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
        new BaseImage(engineOption.select(runner, reporter), runner)
            .ensure(suite, Optional.ofNullable(mirror), rebuild, !noPull, reporter);
    console.out().println(result.reference());
    console.out().flush();
    return 0;
  }
}
