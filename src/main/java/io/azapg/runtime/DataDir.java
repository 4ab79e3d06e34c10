package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * File operations on the data directory and the other directories the server needs, with the
 * official image's ownership rules: as root, everything not owned by the server user is handed to
 * it; otherwise modes are set where possible and failures to chmod are ignored.
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

  /**
   * Creates PGDATA (0700), the socket directory (03775) and the WAL directory (0700), and as root
   * hands them to the server user.
   */
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
      chownTree(waldir.get());
      chmod(waldir.get(), 0700);
    }
    chownTree(pgdata);
    chownTree(socketDir);
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
        chown(tmp);
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
      chown(dir);
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
      chown(tmp);
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

  private void chownTree(Path root) {
    if (!privileges.chown() || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.forEach(
          p -> {
            try {
              int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
              if (owner != privileges.uid()) {
                Files.setAttribute(p, "unix:uid", privileges.uid(), LinkOption.NOFOLLOW_LINKS);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException | UncheckedIOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot hand " + root + " to the server user: " + e.getMessage(),
          List.of(VOLUME_HINT));
    }
  }

  private void chown(Path p) {
    if (!privileges.chown()) {
      return;
    }
    try {
      Files.setAttribute(p, "unix:uid", privileges.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", privileges.gid(), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
