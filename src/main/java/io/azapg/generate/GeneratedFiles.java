package io.azapg.generate;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Writes generated files into a project tree, or checks that the tree is up to date. */
public final class GeneratedFiles {
  private final Path root;

  public GeneratedFiles(Path root) {
    this.root = root;
  }

  /** Writes every file whose content differs; returns the paths written. */
  public List<String> write(List<GeneratedFile> files) {
    List<String> written = new ArrayList<>();
    for (GeneratedFile file : files) {
      Path target = root.resolve(file.path());
      if (upToDate(target, file.content())) {
        continue;
      }
      try {
        Files.createDirectories(target.getParent());
        // Write beside the target and move, so a failure never leaves a half-written file.
        Path tmp = Files.createTempFile(target.getParent(), ".gen-", ".tmp");
        Files.writeString(tmp, file.content(), StandardCharsets.UTF_8);
        // Generated files are public (configs mounted into containers read them as other users).
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT, "cannot write " + target + ": " + e.getMessage(), List.of(), e);
      }
      written.add(file.path());
    }
    return written;
  }

  /** The paths whose content on disk differs from what would be generated (or is missing). */
  public List<String> stale(List<GeneratedFile> files) {
    List<String> stale = new ArrayList<>();
    for (GeneratedFile file : files) {
      if (!upToDate(root.resolve(file.path()), file.content())) {
        stale.add(file.path());
      }
    }
    return stale;
  }

  private static boolean upToDate(Path target, String content) {
    try {
      return Files.isRegularFile(target)
          && Files.readString(target, StandardCharsets.UTF_8).equals(content);
    } catch (IOException e) {
      return false;
    }
  }
}
