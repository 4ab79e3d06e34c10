package io.azapg.release;

import io.azapg.testing.Shellcheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripts the release commands run inside the image pass shellcheck. */
class ContainerScriptsShellcheckTest {
  @TempDir Path dir;

  @Test
  void inventoryScript_isShellcheckClean() throws Exception {
    Shellcheck.assertClean(ImageInventory.SCRIPT, "sh", dir);
  }

  @Test
  void diagnosticsExtensionScript_isShellcheckClean() throws Exception {
    Shellcheck.assertClean(Diagnostics.EACH_DATABASE, "bash", dir);
  }
}
