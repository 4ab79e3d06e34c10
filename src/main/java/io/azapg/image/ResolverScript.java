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
    StringBuilder sb = new StringBuilder();
    sb.append("export DEBIAN_FRONTEND=noninteractive\n")
        .append("apt-get update -qq >/tmp/update.log 2>&1 || { cat /tmp/update.log; exit 3; }\n")
        .append("echo '@@section arch'; dpkg --print-architecture\n")
        .append("echo '@@section installed'; dpkg-query -W -f='${Package} ${Version}\\n'\n")
        .append("echo '@@section release'\n")
        .append("for f in /var/lib/apt/lists/*_dists_")
        .append(suite)
        .append("_InRelease /var/lib/apt/lists/*_dists_")
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
