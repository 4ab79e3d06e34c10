package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Archive files on this host: kinds, checksums, and publishing without ever overwriting. */
final class Archives {
  private Archives() {}

  /** What a backup file holds, from its first bytes. */
  enum Kind {
    /** pg_dump's custom format (pg_restore reads it). */
    CUSTOM,
    /** SQL text compressed with gzip. */
    GZIP_SQL,
    /** SQL text compressed with zstd. */
    ZSTD_SQL,
    /** SQL text. */
    SQL;

    boolean sql() {
      return this != CUSTOM;
    }

    String word() {
      return switch (this) {
        case CUSTOM -> "custom-format archive";
        case GZIP_SQL -> "gzip-compressed SQL";
        case ZSTD_SQL -> "zstd-compressed SQL";
        case SQL -> "SQL";
      };
    }
  }

  /** The kind of an archive; empty when it is empty or none of them. */
  static Optional<Kind> kind(Path file) {
    byte[] head = new byte[5];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    if (n >= 5 && new String(head, 0, 5, StandardCharsets.US_ASCII).equals("PGDMP")) {
      return Optional.of(Kind.CUSTOM);
    }
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Optional.of(Kind.GZIP_SQL);
    }
    if (n >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return Optional.of(Kind.ZSTD_SQL);
    }
    if (n >= 2 && head[0] == '-' && head[1] == '-') {
      return Optional.of(Kind.SQL);
    }
    return Optional.empty();
  }

  /** The lowercase hex SHA-256 of a file, read in blocks. */
  static String sha256(Path file) {
    MessageDigest digest = Sha256.digest();
    try {
      Sha256.update(digest, file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The checksum file kept beside an archive, in {@code sha256sum} format. */
  static Path checksumFile(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".sha256");
  }

  /** The checksum recorded beside an archive; empty when there is no checksum file. */
  static Optional<String> recordedSha256(Path archive) {
    Path file = checksumFile(archive);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      String hex = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      if (!hex.matches("[0-9a-f]{64}")) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            file + " holds no SHA-256 (expected 64 hex digits first)",
            List.of("remove it to restore without a checksum check, or restore its content"));
      }
      return Optional.of(hex);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** Whether a plain SQL dump ends as pg_dump and pg_dumpall end a complete one. */
  static boolean endsLikeACompleteDump(Path file) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long len = raf.length();
      int n = (int) Math.min(len, 512);
      byte[] tail = new byte[n];
      raf.seek(len - n);
      raf.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8).contains("dump complete");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** The directory a file is in (an absolute path's parent); a root is an input error. */
  static Path parentOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          file + " names no file in a directory",
          List.of("name a file, e.g. -o backups/app.dump"));
    }
    return parent;
  }

  /** A new empty file (0600) beside {@code finalName}, under a name that marks it unfinished. */
  static Path temporaryBeside(Path finalName) {
    try {
      return Files.createTempFile(
          parentOf(finalName),
          "." + finalName.getFileName() + ".",
          ".partial",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot create a file in " + parentOf(finalName) + ": " + e,
          List.of("choose a writable directory with -o"));
    }
  }

  /**
   * Gives {@code temporary} its final name, atomically and never over an existing file (a hard
   * link, which fails when the name exists, then the temporary name removed).
   */
  static void publish(Path temporary, Path finalName) {
    try {
      Files.createLink(finalName, temporary);
      Files.delete(temporary);
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(temporary);
      throw exists(finalName);
    } catch (UnsupportedOperationException | IOException e) {
      try {
        if (Files.exists(finalName)) {
          deleteQuietly(temporary);
          throw exists(finalName);
        }
        Files.move(temporary, finalName);
      } catch (IOException moveFailed) {
        deleteQuietly(temporary);
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "cannot name the backup " + finalName + ": " + moveFailed.getMessage(),
            List.of("check the directory's permissions and free space"));
      }
    }
  }

  static AzaPgException exists(Path file) {
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        file + " exists; a backup never overwrites a file",
        List.of("choose another name with -o, or move the old file away first"));
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing better to do: the name marks it as unfinished.
    }
  }

  private static AzaPgException unreadable(Path file, IOException e) {
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        "cannot read " + file + ": " + e.getMessage(),
        List.of("check that the file exists and is readable"));
  }
}
