package io.azapg.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL 18 image's check for data in the pre-18 layout: with the default PGDATA and an
 * empty data directory, data found at {@code /var/lib/postgresql}, {@code
 * /var/lib/postgresql/data}, another {@code /var/lib/postgresql/<major>/docker}, or a mount at
 * {@code /var/lib/postgresql/data}, means an upgrade without pg_upgrade: refuse to initialise.
 */
final class OldLayout {
  private OldLayout() {}

  /**
   * Where old data was found (empty when none).
   *
   * @param pgdata the configured data directory
   * @param defaultPgdata the image's default data directory
   * @param base the volume's root, {@code /var/lib/postgresql} in the image
   * @param mountinfo the text of {@code /proc/self/mountinfo} (empty when unreadable)
   */
  static List<String> findings(Path pgdata, Path defaultPgdata, Path base, String mountinfo) {
    List<String> found = new ArrayList<>();
    if (!pgdata.equals(defaultPgdata)) {
      return found;
    }
    if (Files.exists(base.resolve("PG_VERSION"))) {
      found.add(base.toString());
    }
    Path data = base.resolve("data");
    if (Files.exists(data.resolve("PG_VERSION"))) {
      found.add(data.toString());
    } else if (isMountPoint(data, mountinfo)) {
      found.add(data + " (unused mount/volume)");
    }
    if (Files.isDirectory(base)) {
      try (DirectoryStream<Path> majors = Files.newDirectoryStream(base)) {
        for (Path major : majors) {
          Path docker = major.resolve("docker");
          if (!docker.equals(pgdata) && Files.exists(docker.resolve("PG_VERSION"))) {
            found.add(docker.toString());
          }
        }
      } catch (IOException e) {
        // unreadable volume root: the initdb step will fail with the real reason
      }
    }
    found.sort(null);
    return found;
  }

  /** Whether mountinfo lists a mount at exactly this path (field 5, octal escapes decoded). */
  static boolean isMountPoint(Path path, String mountinfo) {
    for (String line : mountinfo.split("\n")) {
      String[] fields = line.split(" ");
      if (fields.length > 4 && decode(fields[4]).equals(path.toString())) {
        return true;
      }
    }
    return false;
  }

  private static String decode(String field) {
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
  }

  /** The official image's explanation, as hint lines under the one-line error. */
  static List<String> hints() {
    return List.of(
        "in 18+, these images store data in major-version-specific directories",
        "(PGDATA=/var/lib/postgresql/18/docker, compatible with pg_ctlcluster);",
        "this is usually the result of upgrading the image without upgrading the data with",
        "pg_upgrade (which needs both versions). Mount one volume at /var/lib/postgresql and",
        "see https://github.com/docker-library/postgres/issues/37 for how to upgrade.");
  }
}
