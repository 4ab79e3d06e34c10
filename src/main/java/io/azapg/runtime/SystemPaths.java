package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The places outside the data directory the runtime reads or prepares; tests point them into a
 * temporary directory.
 *
 * @param initDir {@code /docker-entrypoint-initdb.d}
 * @param socketDir {@code /var/run/postgresql}
 * @param volumeRoot {@code /var/lib/postgresql} (for the old-layout check)
 * @param passwd {@code /etc/passwd}
 * @param mountinfo {@code /proc/self/mountinfo}
 * @param procStatus {@code /proc/self/status} (the process's uid and gid)
 * @param libDirs where to look for {@code libnss_wrapper.so}
 */
public record SystemPaths(
    Path initDir,
    Path socketDir,
    Path volumeRoot,
    Path passwd,
    Path mountinfo,
    Path procStatus,
    java.util.List<Path> libDirs) {

  /** The image's paths. */
  public static SystemPaths image() {
    return new SystemPaths(
        InitFiles.DEFAULT_DIR,
        Path.of("/var/run/postgresql"),
        Path.of("/var/lib/postgresql"),
        Path.of("/etc/passwd"),
        Path.of("/proc/self/mountinfo"),
        Path.of("/proc/self/status"),
        java.util.List.of(
            Path.of("/usr/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib/aarch64-linux-gnu"),
            Path.of("/usr/lib"),
            Path.of("/lib")));
  }

  /** Reads a file, empty text when it does not exist or cannot be read. */
  static String readOrEmpty(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The effective uid and gid from {@code /proc/self/status}. */
  int[] identity() {
    int uid = -1;
    int gid = -1;
    for (String line : readOrEmpty(procStatus).split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[0].equals("Uid:")) {
        uid = Integer.parseInt(f[2]);
      } else if (f.length >= 3 && f[0].equals("Gid:")) {
        gid = Integer.parseInt(f[2]);
      }
    }
    if (uid < 0 || gid < 0) {
      throw new AzaPgException(
          ExitCode.INTERNAL, "cannot tell the process's uid and gid from " + procStatus);
    }
    return new int[] {uid, gid};
  }

  /** The nss_wrapper library, if installed. */
  java.util.Optional<Path> nssWrapper() {
    return libDirs.stream()
        .map(d -> d.resolve("libnss_wrapper.so"))
        .filter(Files::isRegularFile)
        .findFirst();
  }
}
