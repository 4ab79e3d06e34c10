package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point-in-time recovery target: an instant with an explicit time zone (a time without one would
 * depend on whose clock reads it). Accepts ISO 8601 ({@code 2026-12-07T05:10:00Z}, {@code
 * 2026-12-07T07:10:00.25+02:00}) and PostgreSQL's own text ({@code 2026-12-07 05:10:00.123456+00}).
 */
public final class TargetTime {
  private static final Pattern SHAPE =
      Pattern.compile(
          "^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)"
              + "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?$");
  private static final DateTimeFormatter POSTGRES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx", Locale.ROOT);

  private TargetTime() {}

  /** Parses a target time, refusing anything ambiguous or in the future. */
  public static Instant parse(String text, Instant now) {
    String value = text.strip();
    Matcher m = SHAPE.matcher(value);
    List<String> hint =
        List.of(
            "give a date, a time and a time zone, e.g. --target-time 2026-12-07T05:10:00Z or"
                + " '2026-12-07 07:10:00.123+02' (what SELECT now() prints)");
    if (!m.matches()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "--target-time " + text + " is not a timestamp", hint);
    }
    if (m.group(3) == null) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--target-time "
              + text
              + " has no time zone: it would mean a different instant on"
              + " another clock",
          hint);
    }
    String zone = m.group(3).toUpperCase(Locale.ROOT);
    if (!zone.equals("Z")) {
      String digits = zone.substring(1).replace(":", "");
      zone =
          zone.charAt(0)
              + digits.substring(0, 2)
              + ":"
              + (digits.length() > 2 ? digits.substring(2) : "00");
    }
    String time = m.group(2).length() == 5 ? m.group(2) + ":00" : m.group(2);
    Instant instant;
    try {
      instant = OffsetDateTime.parse(m.group(1) + "T" + time + zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--target-time " + text + " is not a valid timestamp: " + e.getMessage(),
          hint);
    }
    if (instant.isAfter(now)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--target-time " + text + " is in the future (now is " + now + ")",
          List.of("leave out --target-time to recover everything archived so far"));
    }
    return instant;
  }

  /** The instant as PostgreSQL's recovery_target_time reads it, in UTC, to the microsecond. */
  public static String forPostgres(Instant instant) {
    return POSTGRES.format(instant.atOffset(ZoneOffset.UTC));
  }
}
