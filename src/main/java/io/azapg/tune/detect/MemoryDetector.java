package io.azapg.tune.detect;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Sourced;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the memory limit: {@code POSTGRES_MEMORY}, then the cgroup (v2 memory.max and a lower
 * memory.high; v1 memory.limit_in_bytes), then /proc/meminfo with a warning. A cgroup limit above
 * the machine's memory means "no limit" and is ignored.
 */
final class MemoryDetector {
  static final String ENV = "POSTGRES_MEMORY";

  private final Map<String, String> env;
  private final Cgroups cgroups;
  private final MemInfo meminfo;
  private final List<String> warnings;

  MemoryDetector(Map<String, String> env, Cgroups cgroups, MemInfo meminfo, List<String> warnings) {
    this.env = env;
    this.cgroups = cgroups;
    this.meminfo = meminfo;
    this.warnings = warnings;
  }

  Sourced<ByteSize> detect() {
    Optional<Sourced<ByteSize>> limit = cgroupLimit();
    String given = env.get(ENV);
    if (given != null && !given.isBlank()) {
      ByteSize value = ByteSize.parse(given, ENV);
      if (limit.isPresent() && limit.get().value().compareTo(value) < 0) {
        warnings.add(
            ENV
                + " "
                + value
                + " is above the container's limit "
                + limit.get()
                + ": the tuner uses "
                + ENV
                + ", but the kernel enforces the limit");
      }
      return Sourced.of(value, ENV);
    }
    Optional<ByteSize> machine = meminfo.total();
    if (limit.isPresent()) {
      if (machine.isEmpty() || limit.get().value().compareTo(machine.get()) <= 0) {
        return limit.get();
      }
      warnings.add(
          "ignored the cgroup limit "
              + limit.get()
              + ": it is above this machine's memory "
              + machine.get());
    }
    if (machine.isPresent()) {
      warnings.add(
          "memory "
              + machine.get()
              + " comes from /proc/meminfo and may be the host's, not this container's: give the"
              + " container a limit (docker run -m 2g) or set "
              + ENV);
      return Sourced.of(machine.get(), "/proc/meminfo");
    }
    throw new AzaPgException(
        ExitCode.INVALID_INPUT,
        "could not detect the memory: no cgroup limit and no readable /proc/meminfo",
        List.of("set " + ENV + ", for example " + ENV + "=2GB"));
  }

  private Optional<Sourced<ByteSize>> cgroupLimit() {
    return switch (cgroups.version()) {
      case V2 ->
          smallest(
              smallest(Optional.empty(), "memory.max", "cgroup v2 memory.max"),
              "memory.high",
              "cgroup v2 memory.high");
      case V1 ->
          hierarchical(
              smallest(
                  Optional.empty(), "memory.limit_in_bytes", "cgroup v1 memory.limit_in_bytes"));
      case NONE -> Optional.empty();
    };
  }

  /** The lowest limit in a file along this process's memory cgroup chain, if lower than best. */
  private Optional<Sourced<ByteSize>> smallest(
      Optional<Sourced<ByteSize>> best, String file, String source) {
    Optional<Sourced<ByteSize>> result = best;
    for (Path dir : cgroups.chain("memory")) {
      OptionalLong value =
          new PseudoFile(dir.resolve(file))
              .firstLine()
              .map(CgroupValue::limit)
              .orElse(OptionalLong.empty());
      if (value.isPresent()
          && (result.isEmpty() || value.getAsLong() < result.get().value().bytes())) {
        result = Optional.of(Sourced.of(new ByteSize(value.getAsLong()), source));
      }
    }
    return result;
  }

  /** cgroup v1 also states the limit inherited from parents a container cannot see. */
  private Optional<Sourced<ByteSize>> hierarchical(Optional<Sourced<ByteSize>> best) {
    List<Path> chain = cgroups.chain("memory");
    if (chain.isEmpty()) {
      return best;
    }
    Optional<String> field =
        new PseudoFile(chain.get(0).resolve("memory.stat")).field("hierarchical_memory_limit");
    OptionalLong value = field.map(CgroupValue::limit).orElse(OptionalLong.empty());
    if (value.isPresent() && (best.isEmpty() || value.getAsLong() < best.get().value().bytes())) {
      return Optional.of(
          Sourced.of(
              new ByteSize(value.getAsLong()), "cgroup v1 memory.stat hierarchical_memory_limit"));
    }
    return best;
  }
}
