package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.base.BaseImage;
import io.azapg.process.ProcessResult;
import java.time.Duration;

/**
 * The image under test, built once per test run through {@code aza-pg build} (a cache hit when its
 * inputs are unchanged). A missing engine fails here, with instructions, never skips.
 */
public final class TestImage {
  private static String tag;

  private TestImage() {}

  /**
   * The base image the project's build uses: {@code $AZA_PG_BASE_REPOSITORY:forky}, else the
   * default base.
   */
  public static String baseName() {
    String repo = System.getenv("AZA_PG_BASE_REPOSITORY");
    return (repo == null || repo.isBlank() ? BaseImage.DEFAULT_REPOSITORY : repo.strip())
        + ":"
        + BaseImage.DEFAULT_SUITE;
  }

  /** The immutable tag of the project's image, building it on first use. */
  public static synchronized String get() {
    if (tag == null) {
      ProcessResult doctor = AzaPg.run(Duration.ofMinutes(1), "engine", "doctor");
      if (doctor.exitCode() != 0) {
        // A fresh Debian machine: install and configure the engine, as ./aza-pg up does.
        System.err.println("aza-pg IT: no working container engine; running 'aza-pg engine setup'");
        ProcessResult setup = AzaPg.run(Duration.ofMinutes(15), "engine", "setup");
        assertThat(setup.exitCode()).as("engine setup failed:%n%s", setup.stderr()).isZero();
        doctor = AzaPg.run(Duration.ofMinutes(1), "engine", "doctor");
      }
      assertThat(doctor.exitCode())
          .as(
              "no working container engine; run './aza-pg engine setup' (Debian, root) first:%n%s%s",
              doctor.stdout(), doctor.stderr())
          .isZero();
      ProcessResult build = AzaPg.run(Duration.ofMinutes(40), "build");
      assertThat(build.exitCode()).as("aza-pg build failed:%n%s", build.stderr()).isZero();
      tag = build.stdout().lines().findFirst().orElseThrow();
    }
    return tag;
  }
}
