package io.azapg.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a project tree that the checks look at: everything outside build output, VCS data
 * and local state, so a new script is checked the day it is added.
 */
final class ProjectFiles {
  private static final Set<String> SKIPPED =
      Set.of(".git", "target", ".aza-pg", "node_modules", ".mvn", ".idea");

  private ProjectFiles() {}

  static List<Path> all(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> root.relativize(p).toString().isEmpty() || !skipped(root.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files of " + root, e);
    }
  }

  /** Shell scripts: {@code *.sh}, {@code # shellcheck shell=} files and sh/bash shebangs. */
  static List<Path> shellScripts(Path root) {
    return all(root).stream().filter(ProjectFiles::isShell).toList();
  }

  static List<Path> yaml(Path root) {
    return all(root).stream()
        .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
        .toList();
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      if (SKIPPED.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isShell(Path file) {
    if (file.toString().endsWith(".sh")) {
      return true;
    }
    String first = firstLine(file);
    return first.matches("#!\\s*/(usr/)?bin/(env\\s+)?(ba|da)?sh(\\s.*)?")
        || first.startsWith("# shellcheck shell=");
  }

  private static String firstLine(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst().orElse("");
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }
}
