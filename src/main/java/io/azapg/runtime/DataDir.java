package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * File operations on the data directory and the other directories the server needs, always as the
 * server user (root only creates and hands over the directories: {@link RootPreparation}). Modes
 * are set where possible and failures to chmod are ignored, as in the official image.
 */
final class DataDir {
  private static final String VOLUME_HINT =
      "the volume holding PGDATA must be writable by the server user (uid 999 unless the"
          + " container runs with --user) and have free space: check its owner and mode on the"
          + " host, or start with an empty volume";
  private final Path pgdata;
  private final Privileges privileges;

  DataDir(Path pgdata, Privileges privileges) {
    this.pgdata = pgdata;
    this.privileges = privileges;
  }

  Path path() {
    return pgdata;
  }

  Path resolve(String name) {
    return pgdata.resolve(name);
  }

  /** Whether the directory holds a cluster ({@code PG_VERSION} exists). */
  boolean initialised() {
    return Files.exists(pgdata.resolve("PG_VERSION"));
  }

  /** Creates PGDATA (0700), the socket directory (03775) and the WAL directory (0700). */
  void prepare(Path socketDir, Optional<Path> waldir) {
    mkdirs(pgdata, "PGDATA");
    chmod(pgdata, 0700);
    try {
      Files.createDirectories(socketDir);
    } catch (IOException e) {
      // fine when the image's directory is used; the server reports a real problem itself
    }
    chmod(socketDir, 03775);
    if (waldir.isPresent()) {
      mkdirs(waldir.get(), "POSTGRES_INITDB_WALDIR");
      chmod(waldir.get(), 0700);
    }
  }

  /** Reads a file of the data directory as UTF-8, empty when it does not exist. */
  Optional<String> read(String name) {
    Path file = pgdata.resolve(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Hands each line of a file of the data directory to {@code sink} as it is read, a line longer
   * than {@code maxLine} characters in pieces: a log of any size in bounded memory. Nothing when
   * the file does not exist.
   */
  void forEachLine(String name, int maxLine, java.util.function.Consumer<String> sink) {
    Path file = pgdata.resolve(name);
    if (!Files.exists(file)) {
      return;
    }
    try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      io.azapg.process.BoundedLines lines = new io.azapg.process.BoundedLines(maxLine, sink);
      char[] buffer = new char[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        lines.accept(buffer, n);
      }
      lines.finish();
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static AzaPgException unreadable(Path file, IOException e) {
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        "cannot read "
            + file
            + " as the server user ("
            + e.getClass().getSimpleName()
            + "): the data directory holds something it may not read",
        List.of(
            "a file of the data directory must be a regular file the server user owns (not a"
                + " link out of it); restore it from a backup or start with an empty volume"));
  }

  /**
   * The names of the regular files in a subdirectory that end in {@code suffix} and do not start
   * with a dot, in byte order (as the server's {@code include_dir} reads them); empty when the
   * directory does not exist.
   */
  List<String> list(String dir, String suffix) {
    Path d = pgdata.resolve(dir);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(d)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(suffix) && !n.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a file of the data directory atomically (temp file + rename), mode 0600, owned by the
   * server user.
   */
  void write(String name, String text) {
    Path file = pgdata.resolve(name);
    try {
      Path tmp = Files.createTempFile(pgdata, ".aza-pg-", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        chmod(tmp, 0600);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot write " + file + ": " + e.getMessage(),
          List.of(VOLUME_HINT),
          e);
    }
  }

  /** Deletes a file of the data directory if it exists. */
  void delete(String name) {
    try {
      Files.deleteIfExists(pgdata.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a subdirectory (0700) owned by the server user, if missing. */
  void mkdir(String name) {
    Path dir = pgdata.resolve(name);
    if (!Files.isDirectory(dir)) {
      mkdirs(dir, name);
      chmod(dir, 0700);
    }
  }

  /** A 0600 temp file outside the data directory, owned by the server user (initdb's pwfile). */
  Path secretTempFile(String text) {
    try {
      Path tmp =
          Files.createTempFile(
              "aza-pg-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      return tmp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void mkdirs(Path dir, String what) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot create " + what + " directory " + dir + " (" + e.getClass().getSimpleName() + ")",
          List.of(
              "the parent must be writable by uid "
                  + privileges.uid()
                  + "; with --user, mount a volume owned by that uid at /var/lib/postgresql"));
    }
  }

  /** chmod that ignores failure, like the official image's {@code chmod … || :}. */
  private static void chmod(Path p, int mode) {
    try {
      Files.setAttribute(p, "unix:mode", mode);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // not ours to change (e.g. --user with an image-owned directory); PostgreSQL checks itself
    }
  }
}
