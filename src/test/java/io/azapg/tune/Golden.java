package io.azapg.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares generated text with a file kept in the repository; {@code -Dgolden.update=true} rewrites
 * the file instead, and reviewers read the diff.
 */
public final class Golden {
  /** Where golden files live, relative to the project directory (Surefire's working directory). */
  public static final Path DIR = Path.of("src/test/resources/tune/golden");

  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private Golden() {}

  /**
   * Asserts that {@code file} holds exactly {@code actual}, or writes it when updating.
   *
   * @param test the test class to name in the "how to regenerate" message
   */
  public static void assertMatches(Path file, String actual, Class<?> test) {
    String regenerate =
        "regenerate with: ./mvnw test -Dtest="
            + test.getSimpleName()
            + " -Dgolden.update=true (then review the diff)";
    try {
      if (UPDATE) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("%s is missing; %s", file, regenerate).exists();
      assertThat(actual)
          .as("%s differs from what the code produces; %s", file, regenerate)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
