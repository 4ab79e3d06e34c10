package io.azapg.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * shellcheck over a script that exists only as a Java string (a {@code sh -c} or {@code bash -c}
 * argument): {@code aza-pg validate} checks the script files of the tree, these tests check the
 * scripts the code builds.
 */
public final class Shellcheck {
  private Shellcheck() {}

  /** Fails with shellcheck's findings when {@code script}, run by {@code shell}, has any. */
  public static void assertClean(String script, String shell, Path scratch) throws Exception {
    Path file = scratch.resolve("script." + shell);
    Files.writeString(file, "#!/bin/" + shell + "\n" + script + "\n", StandardCharsets.UTF_8);
    Process p;
    try {
      p =
          new ProcessBuilder("shellcheck", "--format=gcc", file.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "shellcheck is needed to check the scripts the code builds: apt-get install shellcheck"
              + " (.ci/run installs it)",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("shellcheck on\n%s\n%s", script, out).isZero();
  }
}
