package io.azapg.engine;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What engine setup and base bootstrapping need to know about the host: its distribution (from
 * {@code /etc/os-release}) and whether aza-pg runs as root.
 *
 * @param osId the os-release ID ("debian", "ubuntu", ...), empty if unknown
 * @param versionCodename the os-release VERSION_CODENAME ("bookworm"), empty if unknown
 * @param prettyName the os-release PRETTY_NAME, for messages
 * @param uid the effective user id of this process, -1 if unknown
 */
public record HostFacts(String osId, String versionCodename, String prettyName, int uid) {

  /** Reads the facts of the machine this JVM runs on. */
  public static HostFacts probe() {
    return read(Path.of("/etc/os-release"), Path.of("/proc/self/status"));
  }

  /** Reads the facts from an os-release file and a {@code /proc/<pid>/status} file. */
  public static HostFacts read(Path osRelease, Path procStatus) {
    Map<String, String> os = keyValues(new TextFile(osRelease).readOrEmpty());
    int uid = -1;
    for (String line : new TextFile(procStatus).readOrEmpty().split("\n")) {
      if (line.startsWith("Uid:")) {
        // "Uid: real effective saved fs"
        String[] ids = line.substring(4).trim().split("\\s+");
        uid = Integer.parseInt(ids.length > 1 ? ids[1] : ids[0]);
      }
    }
    return new HostFacts(
        os.getOrDefault("ID", "").toLowerCase(Locale.ROOT),
        os.getOrDefault("VERSION_CODENAME", ""),
        os.getOrDefault("PRETTY_NAME", "an unknown system"),
        uid);
  }

  public boolean isDebian() {
    return osId.equals("debian");
  }

  public boolean isRoot() {
    return uid == 0;
  }

  private static Map<String, String> keyValues(String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        String value = line.substring(eq + 1).trim();
        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(line.substring(0, eq).trim(), value);
      }
    }
    return values;
  }
}
