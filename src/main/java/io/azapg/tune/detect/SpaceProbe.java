package io.azapg.tune.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reports the size of the filesystem at a path; tests replace it for fixture trees. */
@FunctionalInterface
public interface SpaceProbe {
  /** The filesystem's total size in bytes; empty when the path is missing or unreadable. */
  OptionalLong totalBytes(Path path);

  /** The real filesystem's size, as {@code df} reports it. */
  static SpaceProbe fileStore() {
    return path -> {
      try {
        return Files.isDirectory(path)
            ? OptionalLong.of(Files.getFileStore(path).getTotalSpace())
            : OptionalLong.empty();
      } catch (IOException | SecurityException e) {
        return OptionalLong.empty();
      }
    };
  }
}
