package io.azapg.engine.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ImageDetails;
import io.azapg.engine.ItEngine;
import io.azapg.engine.RunSpec;
import io.azapg.process.ProcessResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bootstrapped base image runs, is Debian forky, and carries its provenance labels. */
class BaseImageIT {
  private static final String IMAGE = BaseImage.reference(BaseImage.DEFAULT_SUITE);

  @Test
  void baseImage_runsAndIsForky() {
    ContainerEngine engine = ItEngine.require();
    assertThat(engine.imageExists(IMAGE))
        .as(IMAGE + " exists; create it with './aza-pg base'")
        .isTrue();
    String name = ItEngine.uniqueName("base");
    try {
      ProcessResult result =
          engine.runAttached(
              RunSpec.builder(IMAGE).name(name).command("cat", "/etc/os-release").build(),
              Duration.ofMinutes(2));

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains("VERSION_CODENAME=forky").contains("ID=debian");
    } finally {
      engine.removeContainer(name, true, true);
    }
    assertThat(engine.inspectContainer(name)).isEmpty();
  }

  @Test
  void baseImage_isSlimAndLabelled() {
    ContainerEngine engine = ItEngine.require();
    ImageDetails image =
        engine
            .inspectImage(IMAGE)
            .orElseThrow(() -> new AssertionError(IMAGE + " missing; run './aza-pg base'"));

    if (image.labels().containsKey(BaseImage.LABEL_PREFIX + "suite")) {
      assertThat(image.labels())
          .containsEntry(BaseImage.LABEL_PREFIX + "suite", "forky")
          .containsKeys(BaseImage.LABEL_PREFIX + "mirror", BaseImage.LABEL_PREFIX + "bootstrapped");
    }
    String name = ItEngine.uniqueName("slim");
    try {
      ProcessResult result =
          engine.runAttached(
              RunSpec.builder(IMAGE)
                  .name(name)
                  .command(
                      "sh",
                      "-c",
                      "find /usr/share/man /usr/share/info -type f | wc -l;"
                          + " find /var/lib/apt/lists /var/cache/apt -type f | wc -l;"
                          + " cat /etc/apt/apt.conf.d/99aza-pg-no-recommends; echo LANG=$LANG")
                  .build(),
              Duration.ofMinutes(2));

      assertThat(result.stdout())
          .startsWith("0\n0\n")
          .contains("APT::Install-Recommends \"false\";")
          .contains("LANG=C.UTF-8");
    } finally {
      engine.removeContainer(name, true, true);
    }
  }
}
