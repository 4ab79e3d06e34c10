package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.image.ImageVerifier;
import io.azapg.image.VerificationResult;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg verify-image}: prove every enabled catalog entry works in an image. */
@Command(
    name = "verify-image",
    mixinStandardHelpOptions = true,
    description = {
      "Prove an image works: every enabled extension created, each smoke SQL run.",
      "The image starts with every preloadable library preloaded; extensions are created in",
      "dependency order in one database; every failure is reported at once (exit 1 if any)."
    })
final class VerifyImageCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;

  @Mixin ImageArgument imageArgument;

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "Catalog the image was built from (default: the project's).")
  @Nullable Path catalogFile;

  VerifyImageCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    Catalog catalog = Project.loadCatalog(catalogFile);
    String ref = imageArgument.orDefault(catalog.postgresMajor());
    VerificationResult result =
        new ImageVerifier(engineOption.select(runner, console.reporter()), console.reporter())
            .verify(ref, catalog);
    for (VerificationResult.Step step : result.steps()) {
      console.out().println(step);
    }
    result.problems().forEach(p -> console.out().println("problem: " + p));
    long passed = result.steps().stream().filter(VerificationResult.Step::ok).count();
    console
        .out()
        .println(
            passed
                + " passed, "
                + (result.failures().size() + result.problems().size())
                + " failed");
    if (!result.passed()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          ref
              + " failed verification: "
              + result.failures().size()
              + " step(s) and "
              + result.problems().size()
              + " other problem(s), listed above",
          List.of(
              "fix the catalog entry (package, preload, smoke SQL) or disable it with a reason"));
    }
    console.reporter().info(ref + ": every enabled catalog entry works");
    return 0;
  }
}
