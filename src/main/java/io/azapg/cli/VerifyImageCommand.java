package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Entry;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.image.ImageVerifier;
import io.azapg.image.VerificationResult;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code aza-pg verify-image}: prove every enabled catalog entry (or the ones {@code --only} names)
 * works in an image.
 */
@Command(
    name = "verify-image",
    mixinStandardHelpOptions = true,
    description = {
      "Prove an image works: every enabled extension created, each smoke SQL run.",
      "The image starts with every preloadable library preloaded; extensions are created in"
          + " dependency order in one database; every failure is reported at once (exit 1 if"
          + " any). --only checks the named entries alone (after creating what they depend on)."
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

  @Option(
      names = "--only",
      paramLabel = "NAME",
      split = ",",
      description =
          "Check only these enabled catalog entries (comma-separated or repeated): each is created"
              + " and its smoke SQL run, after creating the entries it depends on (its"
              + " dependencies, and dblink when its smoke SQL uses it). Default: every enabled"
              + " entry.")
  List<String> only = new ArrayList<>();

  @Spec CommandSpec spec;

  VerifyImageCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    Catalog catalog = Project.loadCatalog(catalogFile);
    Set<String> selected = selection(catalog);
    String ref = imageArgument.orDefault(catalog.postgresMajor());
    VerificationResult result =
        new ImageVerifier(engineOption.select(runner, console.reporter()), console.reporter())
            .verify(ref, catalog, selected);
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
    console
        .reporter()
        .info(
            ref
                + (selected.isEmpty()
                    ? ": every enabled catalog entry works"
                    : ": "
                        + String.join(", ", selected)
                        + (selected.size() == 1 ? " works" : " work")));
    return 0;
  }

  /** The names --only gives, each an enabled entry of the catalog; a wrong one is a usage error. */
  private Set<String> selection(Catalog catalog) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : only) {
      String n = name.strip();
      if (n.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "--only: empty entry name in '" + String.join(",", only) + "'");
      }
      Entry entry;
      try {
        entry = catalog.require(n);
      } catch (AzaPgException e) {
        throw new ParameterException(
            spec.commandLine(), "--only " + n + ": " + e.getMessage() + " in " + catalogName());
      }
      if (!entry.enabled()) {
        throw new ParameterException(
            spec.commandLine(),
            "--only "
                + n
                + ": catalog entry "
                + n
                + " is disabled ("
                + entry.disabledReason()
                + "), so the image does not have it");
      }
      names.add(n);
    }
    return names;
  }

  private String catalogName() {
    return catalogFile == null ? "the project's catalog" : "the catalog " + catalogFile;
  }
}
