package io.azapg.engine.base;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The dates of a Debian {@code Release}/{@code InRelease} file. A frozen snapshot mirror serves one
 * whose Valid-Until has passed, which apt refuses unless told not to check.
 *
 * @param date when the archive published it
 * @param validUntil after when apt considers it expired; empty if it never expires
 */
public record ReleaseFile(Optional<Instant> date, Optional<Instant> validUntil) {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss z", Locale.ROOT);

  /** Reads the Date and Valid-Until fields; works on signed InRelease files too. */
  public static ReleaseFile parse(String text) {
    Optional<Instant> date = Optional.empty();
    Optional<Instant> validUntil = Optional.empty();
    for (String line : text.split("\n")) {
      if (line.startsWith("Date:") && date.isEmpty()) {
        date = instant(line.substring(5));
      } else if (line.startsWith("Valid-Until:") && validUntil.isEmpty()) {
        validUntil = instant(line.substring(12));
      }
    }
    return new ReleaseFile(date, validUntil);
  }

  /** Whether apt would call this file expired at the given time. */
  public boolean expiredAt(Instant now) {
    return validUntil.map(until -> until.isBefore(now)).orElse(false);
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(ZonedDateTime.parse(text.trim(), FORMAT).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
