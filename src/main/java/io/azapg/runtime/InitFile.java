package io.azapg.runtime;

import java.nio.file.Path;

/**
 * One file of {@code /docker-entrypoint-initdb.d} and how it is processed.
 *
 * @param path the file
 * @param kind what the runtime does with it
 */
public record InitFile(Path path, Kind kind) {

  /** How a file is processed, decided by its name and (for .sh) its execute bit. */
  public enum Kind {
    /** {@code *.sh} executable by the server's user: run as a program. */
    RUN,
    /**
     * {@code *.sh} not executable: the official image sources it; the runtime runs it with {@code
     * bash} instead (same variables and helper functions, but in a child shell).
     */
    SOURCE,
    /** {@code *.sql}: psql with ON_ERROR_STOP. */
    SQL,
    /** {@code *.sql.gz}: gzip -dc, piped to psql. */
    SQL_GZ,
    /** {@code *.sql.xz}: xz -dc, piped to psql. */
    SQL_XZ,
    /** {@code *.sql.zst}: zstd -dc, piped to psql. */
    SQL_ZST,
    /** Anything else: logged as ignored. */
    IGNORED;

    /** The decompressor's argv for compressed SQL, empty for other kinds. */
    public java.util.List<String> decompressor() {
      switch (this) {
        case SQL_GZ:
          return java.util.List.of("gzip", "-dc");
        case SQL_XZ:
          return java.util.List.of("xz", "-dc");
        case SQL_ZST:
          return java.util.List.of("zstd", "-dc", "-q");
        default:
          return java.util.List.of();
      }
    }
  }

  /** The file's name, as printed in log lines. */
  public String name() {
    return path.getFileName().toString();
  }
}
