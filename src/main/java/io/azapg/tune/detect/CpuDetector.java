package io.azapg.tune.detect;

import io.azapg.tune.Resources;
import io.azapg.tune.Sourced;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * Finds the CPUs: {@code POSTGRES_CPUS}, else the smallest of the cgroup quota (v2 cpu.max, v1
 * cpu.cfs_quota_us / cpu.cfs_period_us, fractions rounded up), the cpuset and the processor count.
 */
final class CpuDetector {
  static final String ENV = "POSTGRES_CPUS";

  private final Map<String, String> env;
  private final Cgroups cgroups;
  private final HostPaths paths;
  private final IntSupplier processors;
  private final List<String> warnings;

  CpuDetector(
      Map<String, String> env,
      Cgroups cgroups,
      HostPaths paths,
      IntSupplier processors,
      List<String> warnings) {
    this.env = env;
    this.cgroups = cgroups;
    this.paths = paths;
    this.processors = processors;
    this.warnings = warnings;
  }

  Sourced<Integer> detect() {
    List<Sourced<Integer>> found = new ArrayList<>();
    quota().ifPresent(found::add);
    cpuset().ifPresent(found::add);
    found.add(processorCount());
    Sourced<Integer> detected = found.get(0);
    for (Sourced<Integer> candidate : found) {
      if (candidate.value() < detected.value()) {
        detected = candidate;
      }
    }
    String given = env.get(ENV);
    if (given != null && !given.isBlank()) {
      int value = Resources.parseCpus(given, ENV);
      if (value > detected.value()) {
        warnings.add(ENV + " " + value + " is above the " + detected + " this container has");
      }
      return Sourced.of(value, ENV);
    }
    return detected;
  }

  private Optional<Sourced<Integer>> quota() {
    double best = Double.MAX_VALUE;
    String source = null;
    for (Path dir : cgroups.chain("cpu")) {
      double cpus = Double.MAX_VALUE;
      if (cgroups.version() == Cgroups.Version.V2) {
        String[] max = new PseudoFile(dir.resolve("cpu.max")).firstLine().orElse("").split("\\s+");
        cpus = max.length == 2 ? ratio(max[0], max[1]) : cpus;
      } else {
        String q = new PseudoFile(dir.resolve("cpu.cfs_quota_us")).firstLine().orElse("");
        String p = new PseudoFile(dir.resolve("cpu.cfs_period_us")).firstLine().orElse("");
        cpus = ratio(q, p);
      }
      if (cpus < best) {
        best = cpus;
        source =
            cgroups.version() == Cgroups.Version.V2
                ? "cgroup v2 cpu.max"
                : "cgroup v1 cpu.cfs_quota_us";
      }
    }
    return source == null
        ? Optional.empty()
        : Optional.of(Sourced.of((int) Math.max(1, Math.ceil(best - 1e-9)), source));
  }

  /** quota / period, or "no limit" (MAX_VALUE) for max, -1, 0 or anything unreadable. */
  private static double ratio(String quota, String period) {
    try {
      double q = Double.parseDouble(quota);
      double p = Double.parseDouble(period);
      return q > 0 && p > 0 ? q / p : Double.MAX_VALUE;
    } catch (NumberFormatException e) {
      return Double.MAX_VALUE;
    }
  }

  private Optional<Sourced<Integer>> cpuset() {
    boolean v2 = cgroups.version() == Cgroups.Version.V2;
    List<String> files =
        v2 ? List.of("cpuset.cpus.effective") : List.of("cpuset.effective_cpus", "cpuset.cpus");
    for (Path dir : cgroups.chain("cpuset")) {
      for (String file : files) {
        Optional<String> list = new PseudoFile(dir.resolve(file)).firstLine();
        OptionalInt count = list.map(CpuList::count).orElse(OptionalInt.empty());
        if (count.isPresent()) {
          return Optional.of(
              Sourced.of(count.getAsInt(), (v2 ? "cgroup v2 " : "cgroup v1 ") + file));
        }
      }
    }
    return Optional.empty();
  }

  private Sourced<Integer> processorCount() {
    int count = 0;
    for (String line : new PseudoFile(paths.proc().resolve("stat")).lines()) {
      if (line.matches("cpu\\d+\\s.*")) {
        count++;
      }
    }
    return count > 0
        ? Sourced.of(count, "/proc/stat")
        : Sourced.of(Math.max(1, processors.getAsInt()), "the JVM's processor count");
  }
}
