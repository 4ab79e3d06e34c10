package io.azapg.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares generated text with a golden file; {@code -Dgolden.update=true} rewrites the golden file
 * instead, for a reviewer to read in the diff.
 */
public final class GoldenFiles {
  private GoldenFiles() {}

  public static void assertMatches(Path golden, String actual) {
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(Files.exists(golden))
          .as("golden file %s is missing: run with -Dgolden.update=true to create it", golden)
          .isTrue();
      assertThat(actual)
          .as("output differs from %s (run with -Dgolden.update=true and review the diff)", golden)
          .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
