package io.azapg.image;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The archive state a lock was resolved against: the {@code Date} of the suite's Release file as
 * the mirror served it, for one architecture. It names the same state on snapshot.debian.org, which
 * keeps every past state of the archive, so a build can still fetch a pinned version the mirror has
 * since replaced.
 *
 * @param suite the Debian suite, e.g. {@code forky}
 * @param architecture the Debian architecture the versions were resolved for, e.g. {@code amd64}
 * @param releaseDate the Release file's Date
 */
public record ArchiveState(String suite, String architecture, Instant releaseDate) {
  /**
   * snapshot.debian.org imports the archive about every six hours and serves, for a timestamp, the
   * last import at or before it; an import happens some time after the Release Date it carries.
   */
  static final Duration IMPORT_WINDOW = Duration.ofHours(6);

  private static final DateTimeFormatter SNAPSHOT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * The snapshot.debian.org timestamps that together serve this state: the Release Date itself (the
   * import before it, which holds every version that did not change in this publication) and one
   * import window later (the import of this publication).
   */
  public List<String> snapshotTimestamps() {
    return List.of(SNAPSHOT.format(releaseDate), SNAPSHOT.format(releaseDate.plus(IMPORT_WINDOW)));
  }

  /** The lock-file line: {@code suite architecture date}. */
  String render() {
    return suite + " " + architecture + " " + releaseDate;
  }

  /** Parses a lock-file line; {@code where} names the file and line in errors. */
  static ArchiveState parse(String line, String where) {
    String[] parts = line.strip().split("\\s+");
    if (parts.length != 3) {
      throw bad(where, "expected \"suite architecture release-date\", found \"" + line + "\"");
    }
    try {
      return new ArchiveState(parts[0], parts[1], Instant.parse(parts[2]));
    } catch (DateTimeParseException e) {
      throw bad(where, "\"" + parts[2] + "\" is not a UTC time such as 2026-10-30T08:08:01Z");
    }
  }

  private static AzaPgException bad(String where, String message) {
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        where + ": " + message,
        List.of("regenerate the lock with 'aza-pg lock'"));
  }
}
