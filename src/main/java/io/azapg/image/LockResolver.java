package io.azapg.image;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Entry;
import io.azapg.catalog.Source;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.RunSpec;
import io.azapg.process.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves the exact version of every package each install group needs, by asking apt inside the
 * profile's base image what it would install ({@code apt-get install -s}). Packages apt cannot find
 * are reported all at once, each with the catalog entry that names it.
 */
public final class LockResolver {
  private final ContainerEngine engine;
  private final Reporter reporter;

  public LockResolver(ContainerEngine engine, Reporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  /** Resolves a lock for the catalog and profile. */
  public LockFile resolve(Catalog catalog, ImageProfile profile) {
    Map<LockFile.Group, List<String>> named = new EnumMap<>(ImagePackages.all(catalog));
    reporter.info(
        "resolving "
            + named.values().stream().mapToInt(List::size).sum()
            + " packages in "
            + profile.baseImage()
            + " (apt-get install --simulate)");
    ProcessResult result =
        engine.runAttached(
            RunSpec.builder(profile.baseImage())
                .entrypoint("/bin/bash")
                .command("-c", script(profile, named))
                .network("host")
                .removeWhenDone(true)
                .build(),
            Duration.ofMinutes(10));
    Map<String, String> sections = sections(result.stdout());
    if (result.exitCode() != 0 && !sections.containsKey("arch")) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "apt-get update failed inside "
              + profile.baseImage()
              + ":\n"
              + result.stdout().strip()
              + "\n"
              + result.stderr().strip(),
          List.of("check the base image's mirror (aza-pg base --rebuild --mirror URL)"));
    }
    Map<LockFile.Group, AptSimulation> sims = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String key : List.of("runtime", "runtime+extensions", "jre", "gitbuild")) {
      AptSimulation sim = AptSimulation.parse(sections.getOrDefault(key, ""));
      missing.addAll(sim.missing());
      if (!sim.errors().isEmpty() && sim.missing().isEmpty()) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "apt cannot resolve the " + key + " packages: " + String.join("; ", sim.errors()));
      }
      sims.put(group(key), sim);
    }
    if (!missing.isEmpty()) {
      throw missingPackages(catalog, profile, missing.stream().distinct().sorted().toList());
    }
    Map<LockFile.Group, List<LockFile.Pin>> groups = new EnumMap<>(LockFile.Group.class);
    Map<String, String> base = installed(sections.getOrDefault("installed", ""));
    Map<String, String> runtime = sims.get(LockFile.Group.RUNTIME).installs();
    groups.put(
        LockFile.Group.RUNTIME, pins(runtime, Map.of(), named.get(LockFile.Group.RUNTIME), base));
    groups.put(
        LockFile.Group.EXTENSIONS,
        pins(
            sims.get(LockFile.Group.EXTENSIONS).installs(),
            runtime,
            named.get(LockFile.Group.EXTENSIONS),
            base));
    groups.put(
        LockFile.Group.JRE,
        pins(
            sims.get(LockFile.Group.JRE).installs(),
            Map.of(),
            named.get(LockFile.Group.JRE),
            base));
    groups.put(
        LockFile.Group.GITBUILD,
        pins(
            sims.get(LockFile.Group.GITBUILD).installs(),
            Map.of(),
            named.get(LockFile.Group.GITBUILD),
            base));
    return new LockFile(
        profile.id(), profile.suite(), sections.getOrDefault("arch", "").strip(), groups);
  }

  private static LockFile.Group group(String key) {
    return switch (key) {
      case "runtime" -> LockFile.Group.RUNTIME;
      case "runtime+extensions" -> LockFile.Group.EXTENSIONS;
      case "jre" -> LockFile.Group.JRE;
      default -> LockFile.Group.GITBUILD;
    };
  }

  /** The packages of {@code installs} not already in {@code below}, marking the named ones. */
  static List<LockFile.Pin> pins(
      Map<String, String> installs,
      Map<String, String> below,
      List<String> named,
      Map<String, String> base) {
    List<LockFile.Pin> pins = new ArrayList<>();
    new TreeMap<>(installs)
        .forEach(
            (pkg, version) -> {
              if (!below.containsKey(pkg)) {
                pins.add(new LockFile.Pin(pkg, version, named.contains(pkg)));
              }
            });
    for (String name : named) {
      if (!installs.containsKey(name) && !below.containsKey(name) && base.containsKey(name)) {
        pins.add(new LockFile.Pin(name, base.get(name), true));
      }
    }
    pins.sort(java.util.Comparator.comparing(LockFile.Pin::pkg));
    return pins;
  }

  static String script(ImageProfile profile, Map<LockFile.Group, List<String>> named) {
    StringBuilder sb = new StringBuilder();
    sb.append("export DEBIAN_FRONTEND=noninteractive\n");
    if (profile == ImageProfile.PGDG) {
      sb.append(
              "apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends ca-certificates curl >/dev/null\n")
          .append("install -d /usr/share/postgresql-common/pgdg\n")
          .append(
              "curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc || exit 3\n")
          .append(
              "echo \"deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt ")
          .append(profile.suite())
          .append("-pgdg main\" > /etc/apt/sources.list.d/pgdg.list\n");
    }
    sb.append("apt-get update -qq >/tmp/update.log 2>&1 || { cat /tmp/update.log; exit 3; }\n")
        .append("echo '@@section arch'; dpkg --print-architecture\n")
        .append("echo '@@section installed'; dpkg-query -W -f='${Package} ${Version}\\n'\n")
        .append(
            "sim() { echo \"@@section $1\"; shift; apt-get install -s --no-install-recommends \"$@\" 2>&1; true; }\n");
    sb.append("sim runtime ")
        .append(String.join(" ", named.get(LockFile.Group.RUNTIME)))
        .append('\n');
    sb.append("sim runtime+extensions ")
        .append(String.join(" ", named.get(LockFile.Group.RUNTIME)))
        .append(' ')
        .append(String.join(" ", named.get(LockFile.Group.EXTENSIONS)))
        .append('\n');
    sb.append("sim jre ").append(String.join(" ", named.get(LockFile.Group.JRE))).append('\n');
    sb.append("sim gitbuild ")
        .append(String.join(" ", named.get(LockFile.Group.GITBUILD)))
        .append('\n');
    return sb.toString();
  }

  static Map<String, String> installed(String text) {
    Map<String, String> installed = new TreeMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.strip().split(" ");
      if (parts.length == 2) {
        installed.put(parts[0], parts[1]);
      }
    }
    return installed;
  }

  static Map<String, String> sections(String output) {
    Map<String, String> sections = new LinkedHashMap<>();
    String current = null;
    StringBuilder sb = new StringBuilder();
    for (String line : output.split("\n")) {
      if (line.startsWith("@@section ")) {
        if (current != null) {
          sections.put(current, sb.toString());
        }
        current = line.substring("@@section ".length()).strip();
        sb.setLength(0);
      } else if (current != null) {
        sb.append(line).append('\n');
      }
    }
    if (current != null) {
      sections.put(current, sb.toString());
    }
    return sections;
  }

  private static AzaPgException missingPackages(
      Catalog catalog, ImageProfile profile, List<String> missing) {
    List<String> lines = new ArrayList<>();
    for (String pkg : missing) {
      String bare = pkg.contains("=") ? pkg.substring(0, pkg.indexOf('=')) : pkg;
      List<String> owners = new ArrayList<>();
      for (int i = 0; i < catalog.extensions().size(); i++) {
        Entry e = catalog.extensions().get(i);
        if (e.enabled() && e.source() instanceof Source.Apt apt && apt.pkg().equals(bare)) {
          owners.add("catalog entry \"" + e.name() + "\" (extensions[" + i + "])");
        }
      }
      lines.add(
          "package \""
              + pkg
              + "\" does not exist in Debian "
              + profile.suite()
              + (owners.isEmpty()
                  ? " (needed by the image itself)"
                  : ", named by " + String.join(", ", owners)));
    }
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        missing.size()
            + " package(s) cannot be found in "
            + profile.baseImage()
            + ":\n  "
            + String.join("\n  ", lines),
        List.of(
            "fix the package name in catalog/extensions.json, or disable the entry with a disabledReason"));
  }
}
