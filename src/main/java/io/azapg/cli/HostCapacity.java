package io.azapg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What this machine can give a container: its memory ({@code MemTotal} of {@code /proc/meminfo},
 * absent when unreadable) and its processors.
 *
 * @param memoryBytes total memory of the machine, empty when unknown
 * @param cpus processors this JVM may use
 */
record HostCapacity(OptionalLong memoryBytes, int cpus) {
  static HostCapacity probe() {
    return new HostCapacity(
        memTotal(Path.of("/proc/meminfo")), Runtime.getRuntime().availableProcessors());
  }

  /** The {@code MemTotal} line of a meminfo file in bytes, empty when missing or unreadable. */
  static OptionalLong memTotal(Path meminfo) {
    try {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.startsWith("MemTotal:")) {
          String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // unknown: the limit is then not checked against the machine
    }
    return OptionalLong.empty();
  }
}
