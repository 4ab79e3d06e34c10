package io.azapg.image;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The image's tags: an immutable {@code MM.mm-YYYYMMDDHHmm-single-node} (the timestamp is the
 * commit time, so rebuilding a commit gives the same tag), then the moving {@code
 * MM.mm-single-node}, {@code MM-single-node}, {@code MM.mm} and {@code MM}.
 */
public final class ImageTags {
  /** Where images are tagged when no repository is given. */
  public static final String DEFAULT_REPOSITORY = "localhost/aza-pg";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern REPOSITORY =
      Pattern.compile("^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$");
  private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

  private ImageTags() {}

  /** The immutable version tag, e.g. {@code 18.6-202611241030-single-node}. */
  public static String versionTag(String postgresVersion, Instant commitTime) {
    return postgresVersion + "-" + STAMP.format(commitTime) + "-single-node";
  }

  /** The moving tags of a PostgreSQL version: {@code 18.6-single-node}, ..., {@code 18}. */
  public static List<String> moving(String postgresVersion) {
    String major = postgresVersion.split("\\.")[0];
    return List.of(
        postgresVersion + "-single-node", major + "-single-node", postgresVersion, major);
  }

  /** Every tag, fully qualified, immutable first; {@code extra} tags are appended. */
  public static List<String> all(
      String repository, String postgresVersion, Instant commitTime, List<String> extra) {
    checkRepository(repository);
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    tags.add(versionTag(postgresVersion, commitTime));
    tags.addAll(moving(postgresVersion));
    for (String t : extra) {
      if (!TAG.matcher(t).matches()) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "invalid tag \"" + t + "\": a tag is up to 128 letters, digits, '_', '.' or '-'",
            List.of("e.g. --tag latest or --tag 18-ci"));
      }
      tags.add(t);
    }
    List<String> refs = new ArrayList<>();
    tags.forEach(t -> refs.add(repository + ":" + t));
    return refs;
  }

  static void checkRepository(String repository) {
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "invalid image repository \"" + repository + "\": use lower-case name components",
          List.of(
              "e.g. --repository localhost/aza-pg or --repository registry.example.com/db/aza-pg"));
    }
  }
}
