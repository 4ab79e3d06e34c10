package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.GeneratedFiles;
import io.azapg.image.ImageFiles;
import io.azapg.image.ImageProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aza-pg generate}: write every file derived from the catalog, or check they are current.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write the files derived from the catalog (docs/EXTENSIONS.md, ...).")
final class GenerateCommand implements Callable<Integer> {
  private final Console console;

  @Option(names = "--check", description = "Write nothing; fail (exit 1) naming every stale file.")
  boolean check;

  @Option(
      names = "--project-dir",
      paramLabel = "DIR",
      description = "Project root (default: ${DEFAULT-VALUE}).")
  @Nullable Path projectDir;

  GenerateCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Path root = projectDir != null ? projectDir : Project.root();
    Catalog catalog =
        Project.loadCatalog(projectDir != null ? root.resolve("catalog/extensions.json") : null);
    List<GeneratedFile> files = ImageFiles.all(catalog, root);
    java.util.Optional<io.azapg.image.LockFile> lock =
        ImageFiles.readLock(root, ImageProfile.DEBIAN);
    List<String> unlocked = lock.map(l -> ImageFiles.missingFromLock(catalog, l)).orElse(List.of());
    if (lock.isEmpty() || !unlocked.isEmpty()) {
      String why =
          lock.isEmpty()
              ? ImageProfile.DEBIAN.lockFile() + " does not exist"
              : ImageProfile.DEBIAN.lockFile() + " does not lock " + String.join(", ", unlocked);
      if (check) {
        throw new AzaPgException(
            ExitCode.CHECK_FAILED, why, List.of("run './aza-pg lock' then './aza-pg generate'"));
      }
      console.reporter().warn(why + ": run './aza-pg lock', then generate again");
    }
    GeneratedFiles tree = new GeneratedFiles(root);
    if (check) {
      List<String> stale = tree.stale(files);
      if (!stale.isEmpty()) {
        for (String path : stale) {
          console.err().println(path + ": stale (differs from what the catalog generates)");
        }
        throw new AzaPgException(
            ExitCode.CHECK_FAILED,
            stale.size() + " generated file(s) out of date: " + String.join(", ", stale),
            List.of(
                "run './aza-pg generate' and commit the result; never edit generated files by hand"));
      }
      console.reporter().info("all " + files.size() + " generated files are up to date");
      return 0;
    }
    List<String> written = tree.write(files);
    for (String path : written) {
      console.out().println(path);
    }
    console
        .reporter()
        .info(
            "wrote "
                + written.size()
                + " file(s); "
                + (files.size() - written.size())
                + " already up to date");
    return 0;
  }
}
