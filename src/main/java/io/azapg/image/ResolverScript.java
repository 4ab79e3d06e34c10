package io.azapg.image;

import io.azapg.generate.LockedInstall;
import io.azapg.generate.StandIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The script the lock resolver runs in the base image: refresh the package lists, print the
 * architecture, what the base already has and the suite's Release Date, then ask apt what it would
 * install for each group ({@code apt-get install -s}), each in a {@code @@section}.
 */
final class ResolverScript {
  /**
   * Packages named on the command line to take the lighter side of a dependency's alternatives when
   * apt would otherwise pick the heavier: libgpgme45 (via GDAL and poppler) depends on {@code gnupg
   * | gpg}, and {@code gpg} alone keeps the agent, dirmngr, gpgsm and pinentry out.
   */
  static final Map<String, String> PREFER = Map.of("gnupg", "gpg");

  private ResolverScript() {}

  static String render(
      String suite, Map<LockFile.Group, List<String>> named, List<StandIn> standIns) {
    return render(suite, "", named, standIns);
  }

  /**
   * The script for a Debian architecture; {@code ""} is the base image's own. Another one is
   * resolved without running any of its binaries: apt in the base image is pointed at that
   * architecture's Packages indices (its own lists directory) and at a copy of the base's dpkg
   * status marked as that architecture, i.e. the same minimal base installed for it.
   */
  static String render(
      String suite,
      String architecture,
      Map<LockFile.Group, List<String>> named,
      List<StandIn> standIns) {
    StringBuilder sb = new StringBuilder();
    sb.append("export DEBIAN_FRONTEND=noninteractive\n");
    String lists = "/var/lib/apt/lists";
    if (!architecture.isEmpty()) {
      String dir = "/tmp/aza-pg-" + architecture;
      lists = dir + "/lists";
      sb.append("mkdir -p ")
          .append(lists)
          .append("/partial ")
          .append(dir)
          .append("/cache/archives/partial\n")
          .append("host=$(dpkg --print-architecture)\n")
          .append("sed \"s/^Architecture: $host\\$/Architecture: ")
          .append(architecture)
          .append("/\" /var/lib/dpkg/status > ")
          .append(dir)
          .append("/status\n")
          .append("printf '%s\\n' 'APT::Architecture \"")
          .append(architecture)
          .append("\";' 'APT::Architectures { \"")
          .append(architecture)
          .append("\"; };' 'Dir::State::status \"")
          .append(dir)
          .append("/status\";' 'Dir::State::Lists \"")
          .append(lists)
          .append("\";' 'Dir::Cache \"")
          .append(dir)
          .append("/cache\";' > /etc/apt/apt.conf.d/99aza-pg-architecture\n")
          // the stand-in packages are built for what dpkg says it is
          .append("mkdir -p ")
          .append(dir)
          .append("/bin\n")
          .append("cat > ")
          .append(dir)
          .append(
              "/bin/dpkg <<'AZA_PG_DPKG'\n#!/bin/sh\n[ \"$1\" = --print-architecture ] && { echo ")
          .append(architecture)
          .append("; exit 0; }\nexec /usr/bin/dpkg \"$@\"\nAZA_PG_DPKG\n")
          .append("chmod +x ")
          .append(dir)
          .append("/bin/dpkg\n")
          .append("export PATH=")
          .append(dir)
          .append("/bin:$PATH\n");
    }
    sb.append("apt-get update -qq >/tmp/update.log 2>&1 || { cat /tmp/update.log; exit 3; }\n")
        .append("echo '@@section arch'; ")
        .append(architecture.isEmpty() ? "dpkg --print-architecture" : "echo " + architecture)
        .append('\n')
        .append("echo '@@section installed'; dpkg-query -W -f='${Package} ${Version}\\n'\n")
        .append("echo '@@section release'\n")
        .append("for f in ")
        .append(lists)
        .append("/*_dists_")
        .append(suite)
        .append("_InRelease ")
        .append(lists)
        .append("/*_dists_")
        .append(suite)
        .append("_Release; do [ -f \"$f\" ] && { grep -m1 '^Date:' \"$f\"; break; }; done\n")
        .append("sim() { apt-get install -s --no-install-recommends \"$@\" 2>&1; true; }\n");
    List<String> debs = new ArrayList<>();
    if (!standIns.isEmpty()) {
      sb.append(BuildScripts.heredocs(LockedInstall.SCRIPTS));
      for (StandIn s : standIns) {
        sb.append(LockedInstall.SCRIPTS)
            .append("/make-standin ")
            .append(String.join(" ", s.makeArgs()))
            .append(" >&2\n");
        debs.add(s.deb());
      }
    }
    String runtime = String.join(" ", named.get(LockFile.Group.RUNTIME));
    String extensions =
        join(debs) + runtime + " " + String.join(" ", named.get(LockFile.Group.EXTENSIONS));
    section(sb, "runtime", runtime);
    sb.append("prefer=()\n").append("sim ").append(extensions).append(" > /tmp/ext.sim\n");
    PREFER.forEach(
        (avoid, use) ->
            sb.append("grep -q '^Inst ")
                .append(avoid)
                .append(" ' /tmp/ext.sim && prefer+=(")
                .append(use)
                .append(")\n"));
    sb.append("echo '@@section runtime+extensions'; sim ")
        .append(extensions)
        .append(" \"${prefer[@]}\"\n");
    section(sb, "jre", String.join(" ", named.get(LockFile.Group.JRE)));
    section(sb, "gitbuild", String.join(" ", named.get(LockFile.Group.GITBUILD)));
    return sb.toString();
  }

  private static void section(StringBuilder sb, String name, String packages) {
    sb.append("echo '@@section ").append(name).append("'; sim ").append(packages).append('\n');
  }

  private static String join(List<String> debs) {
    return debs.isEmpty() ? "" : String.join(" ", debs) + " ";
  }
}
