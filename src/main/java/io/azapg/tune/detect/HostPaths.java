package io.azapg.tune.detect;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where detection reads: the cgroup mount, /proc and /dev/shm. Tests point them at fixture trees.
 *
 * @param cgroupRoot where the cgroup filesystems are mounted ({@code /sys/fs/cgroup})
 * @param proc the proc filesystem ({@code /proc})
 * @param devShm the POSIX shared memory mount ({@code /dev/shm})
 */
public record HostPaths(Path cgroupRoot, Path proc, Path devShm) {
  public HostPaths {
    Objects.requireNonNull(cgroupRoot, "cgroupRoot");
    Objects.requireNonNull(proc, "proc");
    Objects.requireNonNull(devShm, "devShm");
  }

  /** The paths of the machine or container this process runs in. */
  public static HostPaths system() {
    return new HostPaths(Path.of("/sys/fs/cgroup"), Path.of("/proc"), Path.of("/dev/shm"));
  }

  /** The same layout below {@code root}: {@code root/sys/fs/cgroup}, {@code root/proc}, ... */
  public static HostPaths under(Path root) {
    return new HostPaths(
        root.resolve("sys/fs/cgroup"), root.resolve("proc"), root.resolve("dev/shm"));
  }
}
