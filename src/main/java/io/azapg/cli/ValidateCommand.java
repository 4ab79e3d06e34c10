package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.release.Finding;
import io.azapg.release.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aza-pg validate}: the fast checks in one command, no engine needed. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "The fast checks, no container engine needed: the catalog is valid, the generated files"
          + " are current, the lock covers the catalog, every shell script passes shellcheck,"
          + " every YAML file parses, the workflows pass actionlint.",
      "Prints every finding; exit 1 if any."
    })
final class ValidateCommand implements Callable<Integer> {
  private final Console console;

  @Option(
      names = "--project-dir",
      paramLabel = "DIR",
      description = "Project root (default: the launcher's).")
  @Nullable Path projectDir;

  ValidateCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Path root = projectDir != null ? projectDir.toAbsolutePath().normalize() : Project.root();
    List<Finding> findings =
        new Validation(new DefaultProcessRunner(), console.reporter()).run(root);
    findings.forEach(console.out()::println);
    if (!findings.isEmpty()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          findings.size() + " problem(s) found, listed above",
          List.of("each line names the check, the file and how to fix it"));
    }
    console.reporter().info("all checks passed");
    return 0;
  }
}
