package io.azapg.release;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogInvalidException;
import io.azapg.catalog.CatalogLoader;
import io.azapg.common.AzaPgException;
import io.azapg.common.Reporter;
import io.azapg.image.ImageFiles;
import io.azapg.image.ImageProfile;
import io.azapg.image.LockFile;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code aza-pg validate}: the fast checks, no engine needed. The catalog is valid, the generated
 * files are current, the lock covers the catalog, every shell script passes shellcheck, every YAML
 * file parses, and the workflows pass actionlint. Every finding is collected; none stops the rest.
 */
public final class Validation {
  private final ProcessRunner runner;
  private final Reporter reporter;

  public Validation(ProcessRunner runner, Reporter reporter) {
    this.runner = runner;
    this.reporter = reporter;
  }

  /** Runs every check over the project at {@code root}; empty when all pass. */
  public List<Finding> run(Path root) {
    List<Finding> findings = new ArrayList<>();
    Optional<Catalog> catalog = catalog(root, findings);
    catalog.ifPresent(c -> generatedAndLock(c, root, findings));
    findings.addAll(shellcheck(root));
    findings.addAll(yaml(root));
    findings.addAll(new WorkflowLint(runner).lint(root));
    return findings;
  }

  private Optional<Catalog> catalog(Path root, List<Finding> findings) {
    reporter.info("catalog");
    try {
      return Optional.of(new CatalogLoader().load(root.resolve("catalog/extensions.json")));
    } catch (CatalogInvalidException e) {
      e.details().forEach(d -> findings.add(new Finding("catalog", d)));
      findings.add(new Finding("catalog", e.getMessage()));
    } catch (AzaPgException e) {
      findings.add(new Finding("catalog", e.getMessage()));
    }
    return Optional.empty();
  }

  private void generatedAndLock(Catalog catalog, Path root, List<Finding> findings) {
    reporter.info("lock and generated files");
    ImageProfile profile = ImageProfile.DEBIAN;
    Optional<LockFile> lock = ImageFiles.readLock(root, profile);
    if (lock.isEmpty()) {
      findings.add(
          new Finding("lock", profile.lockFile() + " does not exist: run './aza-pg lock'"));
      return;
    }
    for (String missing : ImageFiles.missingFromLock(catalog, lock.get())) {
      findings.add(
          new Finding(
              "lock", profile.lockFile() + " does not lock " + missing + ": run './aza-pg lock'"));
    }
    for (String stale : ImageFiles.stale(catalog, root)) {
      findings.add(
          new Finding("generated", stale + " is stale: run './aza-pg generate' and commit it"));
    }
  }

  /** shellcheck over every shell script of the tree, in one call. */
  List<Finding> shellcheck(Path root) {
    List<Path> scripts = ProjectFiles.shellScripts(root);
    reporter.info("shellcheck (" + scripts.size() + " scripts)");
    if (runner.findExecutable("shellcheck").isEmpty()) {
      return List.of(
          new Finding("shellcheck", "shellcheck is not installed: apt-get install shellcheck"));
    }
    List<String> argv =
        new ArrayList<>(List.of("shellcheck", "--format=gcc", "--external-sources"));
    scripts.forEach(s -> argv.add(root.relativize(s).toString()));
    ProcessResult r =
        runner.execute(
            ProcessSpec.of(argv).workingDirectory(root).timeout(Duration.ofMinutes(5)).build());
    List<Finding> findings = new ArrayList<>();
    r.stdoutLines().stream()
        .filter(l -> !l.isBlank())
        .forEach(l -> findings.add(new Finding("shellcheck", l)));
    if (!r.succeeded() && findings.isEmpty()) {
      findings.add(new Finding("shellcheck", "failed: " + r.stderr().strip()));
    }
    return findings;
  }

  /** Every YAML file parses, with no duplicate keys. */
  List<Finding> yaml(Path root) {
    List<Path> files = ProjectFiles.yaml(root);
    reporter.info("yaml (" + files.size() + " files)");
    ObjectMapper mapper =
        new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    List<Finding> findings = new ArrayList<>();
    for (Path file : files) {
      try {
        mapper.readTree(Files.readString(file));
      } catch (IOException e) {
        findings.add(
            new Finding(
                "yaml",
                root.relativize(file)
                    + ": "
                    + Objects.toString(e.getMessage(), e.toString())
                        .lines()
                        .findFirst()
                        .orElse("")));
      }
    }
    return findings;
  }
}
