package io.azapg.ops;

import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads an archive completely with the target's own tools, without touching any database: a
 * custom-format archive through {@code pg_restore --list} and a full {@code pg_restore} into {@code
 * /dev/null} (every data block decompressed), compressed SQL through a decompression test, SQL by
 * its closing line. A truncated or corrupted archive fails here.
 */
final class ArchiveCheck {
  /**
   * What the check found.
   *
   * @param kind the archive's kind; empty when unrecognised
   * @param problem why it is not usable; empty when it is
   * @param entries the table of contents (custom format), one line per entry
   * @param database the database the archive was dumped from (custom format)
   */
  record Outcome(
      Optional<Archives.Kind> kind,
      Optional<String> problem,
      List<String> entries,
      Optional<String> database) {
    Outcome(Optional<Archives.Kind> kind, Optional<String> problem, List<String> entries) {
      this(kind, problem, entries, Optional.empty());
    }

    /** Whether the archive creates the extension of this name. */
    boolean createsExtension(String name) {
      return entries.stream().anyMatch(l -> l.matches(".* EXTENSION - " + name + " .*"));
    }

    boolean ok() {
      return problem.isEmpty();
    }

    String problemText() {
      return problem.orElse("");
    }
  }

  private final InContainer pg;

  ArchiveCheck(InContainer pg) {
    this.pg = pg;
  }

  Outcome check(Path file) {
    Optional<Archives.Kind> kind = Archives.kind(file);
    if (kind.isEmpty()) {
      return new Outcome(
          kind,
          Optional.of(
              file
                  + " is neither a pg_dump custom-format archive nor (gzip- or zstd-compressed) SQL"),
          List.of());
    }
    return switch (kind.get()) {
      case CUSTOM -> custom(file, kind);
      case GZIP_SQL -> tool(file, kind, List.of("gzip", "--test"));
      case ZSTD_SQL -> tool(file, kind, List.of("zstd", "--test", "-q"));
      case SQL ->
          Archives.endsLikeACompleteDump(file)
              ? new Outcome(kind, Optional.empty(), List.of())
              : new Outcome(
                  kind,
                  Optional.of(
                      file + " does not end with pg_dump's 'dump complete' line: truncated"),
                  List.of());
    };
  }

  private Outcome custom(Path file, Optional<Archives.Kind> kind) {
    Path list = null;
    try {
      list = Files.createTempFile("aza-pg-toc-", ".txt");
      ProcessResult toc =
          pg.stream(List.of("pg_restore", "--list"), Optional.of(file), Optional.of(list));
      if (!toc.succeeded()) {
        return failed(kind, "pg_restore --list", toc);
      }
      List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
      List<String> entries =
          lines.stream().filter(l -> !l.isBlank() && !l.startsWith(";")).toList();
      Optional<String> database =
          lines.stream()
              .filter(l -> l.startsWith(";     dbname: "))
              .map(l -> l.substring(";     dbname: ".length()).strip())
              .findFirst();
      ProcessResult full =
          pg.stream(
              List.of("pg_restore", "--file", "/dev/null"), Optional.of(file), Optional.empty());
      if (!full.succeeded()) {
        return failed(kind, "pg_restore (a full read into /dev/null)", full);
      }
      return new Outcome(kind, Optional.empty(), entries, database);
    } catch (IOException e) {
      return new Outcome(kind, Optional.of("cannot read the table of contents: " + e), List.of());
    } finally {
      if (list != null) {
        Archives.deleteQuietly(list);
      }
    }
  }

  private Outcome tool(Path file, Optional<Archives.Kind> kind, List<String> command) {
    ProcessResult r = pg.stream(command, Optional.of(file), Optional.empty());
    return r.succeeded()
        ? new Outcome(kind, Optional.empty(), List.of())
        : failed(kind, command.get(0), r);
  }

  private static Outcome failed(Optional<Archives.Kind> kind, String what, ProcessResult r) {
    String why =
        r.exitCode() > 128
            ? "crashed on it (signal " + (r.exitCode() - 128) + ")"
            : "failed (exit " + r.exitCode() + ")";
    return new Outcome(
        kind, Optional.of(what + " " + why + ": " + InContainer.lastLines(r.stderr())), List.of());
  }
}
