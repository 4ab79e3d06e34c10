package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.tune.TuneRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the data directory holds, checked before anything is written to it or handed to the server
 * user: a cluster of another major version, an unreadable {@code PG_VERSION}, or files that are not
 * a cluster at all stop start-up with the directory unchanged.
 */
final class ClusterCheck {
  private static final int SHOWN = 5;

  private ClusterCheck() {}

  /**
   * Refuses a data directory this server cannot use.
   *
   * @param pgdata the data directory
   * @param mayHoldFiles whether files without a cluster are expected (a standby being created)
   */
  static void refuseForeign(Path pgdata, boolean mayHoldFiles) {
    Path versionFile = pgdata.resolve("PG_VERSION");
    if (Files.isSymbolicLink(versionFile)) {
      // Never followed: as root it could point at any file of the image (/etc/shadow).
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          versionFile + " is a symbolic link: a cluster's PG_VERSION is a regular file",
          List.of(
              "this data directory was not made by PostgreSQL: mount the volume that holds the"
                  + " cluster, or an empty volume for a new one",
              "nothing in " + pgdata + " was changed"));
    }
    if (Files.exists(versionFile)) {
      String version = readVersion(versionFile);
      String ours = Integer.toString(TuneRequest.PG_MAJOR);
      if (version.equals(ours)) {
        return;
      }
      if (!version.matches("[0-9]{1,4}")) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            versionFile
                + " does not hold a PostgreSQL major version (it starts with \""
                + printable(version)
                + "\"): this is not a cluster the server can start",
            List.of(
                "mount the volume that holds the cluster, or an empty volume for a new one",
                "nothing in " + pgdata + " was changed"));
      }
      int major = Integer.parseInt(version);
      String what =
          "PGDATA "
              + pgdata
              + " holds a PostgreSQL "
              + major
              + " cluster (PG_VERSION), and this image runs PostgreSQL "
              + ours;
      if (major > TuneRequest.PG_MAJOR) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            what + ": an older server cannot read a newer cluster",
            List.of(
                "run it with a PostgreSQL "
                    + major
                    + " image, or restore a dump of it into an"
                    + " empty volume",
                "nothing in " + pgdata + " was changed"));
      }
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          what + ": it must be upgraded first",
          List.of(
              "upgrade it with pg_upgrade (it needs both versions' binaries), or dump it with"
                  + " PostgreSQL "
                  + major
                  + " and restore into an empty volume",
              "nothing in " + pgdata + " was changed"));
    }
    if (mayHoldFiles || !Files.isDirectory(pgdata)) {
      return;
    }
    List<String> names;
    try (Stream<Path> entries = Files.list(pgdata)) {
      names = entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return; // the preparation that follows reports an unreadable directory with its fix
    }
    if (!names.isEmpty()) {
      String shown =
          String.join(", ", names.subList(0, Math.min(SHOWN, names.size())))
              + (names.size() > SHOWN ? ", … (" + names.size() + " entries)" : "");
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "PGDATA "
              + pgdata
              + " is not empty but holds no PostgreSQL cluster (no PG_VERSION): found "
              + shown,
          List.of(
              "initdb needs an empty directory: mount an empty volume, or set PGDATA to a"
                  + " subdirectory of the mount (e.g. PGDATA=/var/lib/postgresql/18/docker/pgdata"
                  + " when the mount point holds lost+found)",
              "nothing in " + pgdata + " was changed or removed"));
    }
  }

  private static String readVersion(Path file) {
    try {
      byte[] head;
      try (var in = Files.newInputStream(file)) {
        head = in.readNBytes(16);
      }
      return new String(head, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
          List.of("the data directory must be readable by the server user"));
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.toString();
  }
}
