package io.azapg.tune.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A small kernel file (cgroup or proc): a missing or unreadable file is "unknown", never an error,
 * because containers hide different parts of them.
 */
record PseudoFile(Path path) {
  /** The first line, stripped; empty when the file is missing, unreadable or blank. */
  Optional<String> firstLine() {
    return lines().stream().findFirst().map(String::strip).filter(s -> !s.isEmpty());
  }

  /** All lines; empty when the file is missing or unreadable. */
  List<String> lines() {
    try {
      return Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }

  /** The value of a {@code key value} or {@code key: value} line, such as in /proc/meminfo. */
  Optional<String> field(String key) {
    for (String line : lines()) {
      String[] parts = line.strip().split("[:\\s]+", 2);
      if (parts.length == 2 && parts[0].equals(key)) {
        return Optional.of(parts[1].strip());
      }
    }
    return Optional.empty();
  }
}
