package io.azapg.engine.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServiceStepTest {
  @TempDir Path tmp;

  /**
   * A podman API service started from a checkout that was deleted later can start no container
   * (conmon fails to get its working directory): setup must see that and restart it.
   */
  @Test
  void deletedWorkingDirectory_isSeen_aLiveOneIsNot() throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Process p = new ProcessBuilder("sleep", "30").directory(checkout.toFile()).start();
    try {
      assertThat(ApiServiceStep.deletedWorkingDirectory(p.pid())).isEmpty();
      Files.delete(checkout);
      assertThat(ApiServiceStep.deletedWorkingDirectory(p.pid())).contains(checkout.toString());
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(ApiServiceStep.deletedWorkingDirectory(Long.MAX_VALUE)).isEmpty();
  }
}
