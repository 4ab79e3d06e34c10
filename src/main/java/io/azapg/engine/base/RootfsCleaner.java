package io.azapg.engine.base;

import io.azapg.engine.TextFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Turns a fresh debootstrap tree into a slim base: no package caches, lists, logs or host identity
 * files; documentation removed and kept out (dpkg path filters); no recommends; and, only for a
 * mirror marked as a snapshot, apt's Valid-Until check switched off.
 */
final class RootfsCleaner {
  static final String NO_RECOMMENDS =
      "// Written by aza-pg base: install exactly what is asked for.\n"
          + "APT::Install-Recommends \"false\";\n"
          + "APT::Install-Suggests \"false\";\n";

  static final String APT_CLEAN =
      "// Written by aza-pg base: keep downloaded packages and caches out of image layers.\n"
          + "DPkg::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb"
          + " /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };\n"
          + "APT::Update::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb"
          + " /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };\n"
          + "Dir::Cache::pkgcache \"\";\n"
          + "Dir::Cache::srcpkgcache \"\";\n"
          + "Acquire::Languages \"none\";\n";

  private final Path root;

  RootfsCleaner(Path root) {
    this.root = root;
  }

  /** The Release (or InRelease) file debootstrap fetched for the suite, if it kept one. */
  Optional<Path> releaseFile(String suite) {
    Path lists = root.resolve("var/lib/apt/lists");
    for (String name : List.of("_dists_" + suite + "_InRelease", "_dists_" + suite + "_Release")) {
      try (var files = Files.list(lists)) {
        Optional<Path> found =
            files.filter(f -> f.getFileName().toString().endsWith(name)).findFirst();
        if (found.isPresent()) {
          return found;
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Cleans the tree; returns the number of documentation files removed. */
  int clean() {
    write("etc/apt/apt.conf.d/99aza-pg-no-recommends", NO_RECOMMENDS);
    write("etc/apt/apt.conf.d/docker-clean", APT_CLEAN);
    write("etc/dpkg/dpkg.cfg.d/aza-pg-slim", DpkgPathFilter.configFile());
    emptyDirectory("var/lib/apt/lists");
    emptyDirectory("var/cache/apt");
    emptyDirectory("var/log");
    emptyDirectory("tmp");
    emptyDirectory("var/tmp");
    createDirectory("var/lib/apt/lists/partial");
    createDirectory("var/cache/apt/archives/partial");
    createDirectory("var/log/apt");
    // The engine provides these per container; the host's copies must not leak into the image.
    delete("etc/resolv.conf");
    delete("etc/hostname");
    if (Files.exists(root.resolve("etc/machine-id"))) {
      write("etc/machine-id", "");
    }
    return removeExcludedDocs();
  }

  /** Tells apt in the image not to reject the snapshot mirror's Release file once it expires. */
  void allowExpiredRelease(String mirror, String reason) {
    write(
        "etc/apt/apt.conf.d/99aza-pg-snapshot-mirror",
        "// Written by aza-pg base: "
            + mirror
            + " is a snapshot of the Debian archive ("
            + reason
            + "),\n// so its Release file is accepted after its Valid-Until date.\n"
            + "Acquire::Check-Valid-Until \"false\";\n");
  }

  private int removeExcludedDocs() {
    DpkgPathFilter filter = DpkgPathFilter.standard();
    int[] removed = {0};
    for (String dir : DpkgPathFilter.ROOTS) {
      Path start = root.resolve(dir.substring(1));
      if (!Files.isDirectory(start)) {
        continue;
      }
      walk(
          start,
          file -> {
            if (filter.excludes("/" + root.relativize(file))) {
              Files.delete(file);
              removed[0]++;
            }
          });
    }
    return removed[0];
  }

  /** Deletes every file below the directory, keeping the directories (apt expects them). */
  private void emptyDirectory(String relative) {
    Path dir = root.resolve(relative);
    if (Files.isDirectory(dir)) {
      walk(dir, Files::delete);
    }
  }

  private interface FileAction {
    void apply(Path file) throws IOException;
  }

  private static void walk(Path start, FileAction action) {
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              action.apply(file);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + start, e);
    }
  }

  private void write(String relative, String content) {
    new TextFile(root.resolve(relative)).write(content);
  }

  private void createDirectory(String relative) {
    try {
      Files.createDirectories(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + relative, e);
    }
  }

  private void delete(String relative) {
    try {
      Files.deleteIfExists(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + relative, e);
    }
  }
}
