package io.azapg.tune.detect;

import io.azapg.common.AzaPgException;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Resources;
import io.azapg.tune.Sourced;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntSupplier;

/**
 * Detects what the server may use on this machine or in this container: memory, CPUs, {@code
 * /dev/shm}, free huge pages and io_uring, each with its source. The entry point of the in-image
 * runtime's tuning step.
 */
public final class Detector {
  private final HostPaths paths;
  private final Map<String, String> env;
  private final SpaceProbe space;
  private final IntSupplier processors;

  /**
   * A detector over explicit paths.
   *
   * @param paths where to read the cgroup, proc and /dev/shm files
   * @param env the environment ({@code POSTGRES_MEMORY}, {@code POSTGRES_CPUS})
   * @param space how to measure /dev/shm
   * @param processors the processor count when /proc/stat cannot be read
   */
  public Detector(
      HostPaths paths, Map<String, String> env, SpaceProbe space, IntSupplier processors) {
    this.paths = paths;
    this.env = Map.copyOf(env);
    this.space = space;
    this.processors = processors;
  }

  /** A detector for the machine or container this process runs in. */
  public static Detector system(Map<String, String> env) {
    return new Detector(
        HostPaths.system(), env, SpaceProbe.fileStore(), Runtime.getRuntime()::availableProcessors);
  }

  /**
   * Detects the resources.
   *
   * @throws AzaPgException when {@code POSTGRES_MEMORY} or {@code POSTGRES_CPUS} is malformed, or
   *     no memory figure can be found at all
   */
  public Resources detect() {
    List<String> warnings = new ArrayList<>();
    Cgroups cgroups = Cgroups.locate(paths);
    MemInfo meminfo = MemInfo.read(paths);
    Sourced<ByteSize> memory = new MemoryDetector(env, cgroups, meminfo, warnings).detect();
    Sourced<Integer> cpus = new CpuDetector(env, cgroups, paths, processors, warnings).detect();
    OptionalLong shm = space.totalBytes(paths.devShm());
    return new Resources(
        memory,
        cpus,
        shm.isPresent()
            ? Optional.of(Sourced.of(new ByteSize(shm.getAsLong()), paths.devShm() + " size"))
            : Optional.empty(),
        HugePagesProbe.probe(cgroups, meminfo),
        IoUringProbe.probe(paths),
        warnings);
  }
}
