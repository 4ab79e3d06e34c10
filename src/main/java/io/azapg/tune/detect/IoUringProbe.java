package io.azapg.tune.detect;

import io.azapg.tune.Sourced;
import java.util.Optional;

/**
 * Decides, conservatively, whether io_uring would work for a server started from here: the kernel
 * must allow it ({@code io_uring_disabled} = 0) and no seccomp filter may be active, because the
 * container engines' default profiles block io_uring (measured with Podman 4.3).
 */
final class IoUringProbe {
  private IoUringProbe() {}

  static Sourced<Boolean> probe(HostPaths paths) {
    Optional<String> disabled =
        new PseudoFile(paths.proc().resolve("sys/kernel/io_uring_disabled")).firstLine();
    if (disabled.isEmpty()) {
      return Sourced.of(
          false, "no /proc/sys/kernel/io_uring_disabled: a kernel before 6.6 or without io_uring");
    }
    if (!disabled.get().equals("0")) {
      return Sourced.of(false, "/proc/sys/kernel/io_uring_disabled is " + disabled.get());
    }
    Optional<String> seccomp = new PseudoFile(paths.proc().resolve("self/status")).field("Seccomp");
    if (seccomp.isEmpty()) {
      return Sourced.of(false, "the seccomp mode in /proc/self/status is unknown");
    }
    if (!seccomp.get().equals("0")) {
      return Sourced.of(
          false,
          "a seccomp filter is active (Seccomp: "
              + seccomp.get()
              + " in /proc/self/status); container engines' default profiles block io_uring");
    }
    return Sourced.of(true, "io_uring_disabled is 0 and no seccomp filter is active");
  }
}
