package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildScriptsTest {
  @TempDir Path dir;

  @Test
  void writeTo_writesEveryScriptExecutable() throws Exception {
    BuildScripts.writeTo(dir);

    for (String name : BuildScripts.NAMES) {
      assertThat(Files.readString(dir.resolve(name))).startsWith("#!/bin/bash\n");
      assertThat(Files.getPosixFilePermissions(dir.resolve(name)))
          .containsAll(PosixFilePermissions.fromString("r-xr-xr-x"));
    }
  }

  @Test
  void scripts_areShellcheckClean() throws Exception {
    BuildScripts.writeTo(dir);
    List<String> argv = new ArrayList<>(List.of("shellcheck"));
    BuildScripts.NAMES.forEach(n -> argv.add(dir.resolve(n).toString()));
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "shellcheck is needed to check the image's shell scripts: apt-get install shellcheck"
              + " (.ci/run installs it)",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void aptInstallLocked_withoutPins_isAUsageError() throws Exception {
    BuildScripts.writeTo(dir);
    Process p =
        new ProcessBuilder(dir.resolve("apt-install-locked").toString(), "--snapshot", "forky/x")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(out).contains("no PACKAGE=VERSION given");
  }
}
