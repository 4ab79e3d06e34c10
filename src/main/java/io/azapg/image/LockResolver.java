package io.azapg.image;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Entry;
import io.azapg.catalog.Source;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.RunSpec;
import io.azapg.engine.base.ReleaseFile;
import io.azapg.generate.StandIn;
import io.azapg.process.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Resolves the exact version of every package each install group needs, by asking apt inside the
 * base image what it would install ({@code apt-get install -s}), and records the archive state (the
 * suite's Release Date) it was resolved against. Packages apt cannot find are reported all at once,
 * each with the catalog entry that names it.
 */
public final class LockResolver {
  private final ContainerEngine engine;
  private final Reporter reporter;

  public LockResolver(ContainerEngine engine, Reporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  /** Resolves a lock for the catalog and profile in the given base image. */
  public LockFile resolve(Catalog catalog, ImageProfile profile, String baseImage) {
    Map<LockFile.Group, List<String>> named = new EnumMap<>(ImagePackages.all(catalog));
    List<StandIn> standIns = StandIn.forCatalog(catalog);
    reporter.info(
        "resolving "
            + named.values().stream().mapToInt(List::size).sum()
            + " packages in "
            + baseImage
            + " (apt-get install --simulate)");
    ProcessResult result =
        engine.runAttached(
            RunSpec.builder(baseImage)
                .entrypoint("/bin/bash")
                .command("-c", ResolverScript.render(profile.suite(), named, standIns))
                .network("host")
                .removeWhenDone(true)
                .build(),
            Duration.ofMinutes(10));
    Map<String, String> sections = sections(result.stdout());
    if (result.exitCode() != 0 && !sections.containsKey("arch")) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "apt-get update failed inside "
              + baseImage
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
      throw missingPackages(
          catalog, profile, baseImage, missing.stream().distinct().sorted().toList());
    }
    List<String> standInNames = standIns.stream().map(StandIn::name).toList();
    sims.replaceAll((group, sim) -> sim.without(standInNames));
    Map<LockFile.Group, List<LockFile.Pin>> groups = new EnumMap<>(LockFile.Group.class);
    Map<String, String> base = installed(sections.getOrDefault("installed", ""));
    Map<String, String> runtime = simulation(sims, LockFile.Group.RUNTIME).installs();
    groups.put(
        LockFile.Group.RUNTIME,
        pins(runtime, Map.of(), named.getOrDefault(LockFile.Group.RUNTIME, List.of()), base));
    groups.put(
        LockFile.Group.EXTENSIONS,
        pins(
            simulation(sims, LockFile.Group.EXTENSIONS).installs(),
            runtime,
            named.getOrDefault(LockFile.Group.EXTENSIONS, List.of()),
            base));
    groups.put(
        LockFile.Group.JRE,
        pins(
            simulation(sims, LockFile.Group.JRE).installs(),
            Map.of(),
            named.getOrDefault(LockFile.Group.JRE, List.of()),
            base));
    groups.put(
        LockFile.Group.GITBUILD,
        pins(
            simulation(sims, LockFile.Group.GITBUILD).installs(),
            Map.of(),
            named.getOrDefault(LockFile.Group.GITBUILD, List.of()),
            base));
    String arch = sections.getOrDefault("arch", "").strip();
    return new LockFile(
        profile.id(),
        profile.suite(),
        arch,
        List.of(
            archiveState(profile.suite(), arch, sections.getOrDefault("release", ""), baseImage)),
        groups);
  }

  /** The suite's Release Date from the {@code Date:} line the script printed. */
  static ArchiveState archiveState(String suite, String arch, String dateLine, String baseImage) {
    return new ArchiveState(
        suite,
        arch,
        ReleaseFile.parse(dateLine)
            .date()
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.ENGINE,
                        "cannot read the Date of the "
                            + suite
                            + " Release file inside "
                            + baseImage
                            + " (found \""
                            + dateLine.strip()
                            + "\")",
                        List.of(
                            "check the base image's apt sources: they must name the "
                                + suite
                                + " suite"))));
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
      Catalog catalog, ImageProfile profile, String baseImage, List<String> missing) {
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
            + baseImage
            + ":\n  "
            + String.join("\n  ", lines),
        List.of(
            "fix the package name in catalog/extensions.json, or disable the entry with a disabledReason"));
  }

  /** The simulation of a group: the resolver script runs one for every group. */
  private static AptSimulation simulation(
      Map<LockFile.Group, AptSimulation> sims, LockFile.Group group) {
    return Objects.requireNonNull(sims.get(group), group::name);
  }
}
