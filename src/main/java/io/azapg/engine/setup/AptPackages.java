package io.azapg.engine.setup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The Debian packages engine setup installs, and which of them a host still lacks. */
final class AptPackages {
  /**
   * Podman with runc (not crun), its helpers, the bridge network stack with DNS (compose service
   * names), what base bootstrapping (debootstrap and the archive keyring it verifies the Release
   * signature with) and image archives need, and curl (the healthcheck ticker runs checks through
   * the API socket rather than a podman process each).
   */
  static final List<String> REQUIRED =
      List.of(
          "podman",
          "buildah",
          "runc",
          "conmon",
          "uidmap",
          "catatonit",
          "netavark",
          "aardvark-dns",
          "iptables",
          "debootstrap",
          "debian-archive-keyring",
          "zstd",
          "curl");

  private AptPackages() {}

  /** The {@code dpkg-query} call whose output {@link #missing} reads. */
  static List<String> queryArgv(List<String> packages) {
    List<String> argv =
        new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package}\\t${db:Status-Abbrev}\\n"));
    argv.addAll(packages);
    return argv;
  }

  /**
   * The packages not fully installed ("ii"), in the wanted order.
   *
   * @param dpkgQueryOutput lines of "name TAB status" from {@link #queryArgv}
   */
  static List<String> missing(List<String> wanted, String dpkgQueryOutput) {
    Set<String> installed = new HashSet<>();
    for (String line : dpkgQueryOutput.split("\n")) {
      String[] parts = line.split("\t");
      if (parts.length == 2 && parts[1].startsWith("ii")) {
        installed.add(parts[0].split(":")[0]);
      }
    }
    return wanted.stream().filter(p -> !installed.contains(p)).toList();
  }
}
