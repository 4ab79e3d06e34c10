package io.azapg.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders one install step of the image: {@code apt-install-locked} with the exact versions from
 * the lock, the archive state to fall back to on snapshot.debian.org, and any stand-in packages
 * built first. Every install step of the Dockerfile, and the integration test of the fallback, use
 * these lines.
 */
public final class LockedInstall {
  /** Where the build scripts are copied to in every stage. */
  public static final String SCRIPTS = "/usr/local/lib/aza-pg/build";

  /** The build argument naming the snapshot service (a loopback server in the tests). */
  public static final String SNAPSHOT_URL_ARG = "AZA_PG_SNAPSHOT_URL";

  /** The snapshot service used unless the build says otherwise. */
  public static final String DEFAULT_SNAPSHOT_URL = "http://snapshot.debian.org";

  private LockedInstall() {}

  /** The lines each stage needs once before its first install step. */
  public static List<String> preamble() {
    return List.of(
        "ARG " + SNAPSHOT_URL_ARG + "=" + DEFAULT_SNAPSHOT_URL, "COPY build/ " + SCRIPTS + "/");
  }

  /**
   * The RUN instruction installing the pins.
   *
   * @param pins {@code name=version}, as in the lock
   * @param snapshots {@code suite/timestamp} archive states to fall back to
   * @param standIns stand-in packages to build and install with the pins
   */
  public static List<String> run(
      List<String> pins, List<String> snapshots, List<StandIn> standIns) {
    List<String> lines = new ArrayList<>();
    String first = "RUN ";
    for (StandIn s : standIns) {
      lines.add(first + SCRIPTS + "/make-standin " + String.join(" ", s.makeArgs()) + " \\");
      first = " && ";
    }
    lines.add(first + SCRIPTS + "/apt-install-locked \\");
    for (String state : snapshots) {
      lines.add("      --snapshot " + state + " \\");
    }
    for (StandIn s : standIns) {
      lines.add("      --deb " + s.deb() + " \\");
    }
    for (int i = 0; i < pins.size(); i++) {
      boolean last = i == pins.size() - 1;
      lines.add("      " + pins.get(i) + (last && standIns.isEmpty() ? "" : " \\"));
    }
    if (!standIns.isEmpty()) {
      lines.add(" && rm -rf " + StandIn.DIR);
    }
    return List.copyOf(lines);
  }
}
