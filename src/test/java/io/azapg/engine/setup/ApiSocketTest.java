package io.azapg.engine.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiSocketTest {
  @TempDir Path tmp;

  @Test
  void answers_trueOn200() throws Exception {
    Path socket = tmp.resolve("ok.sock");
    try (FakeApiServer server = new FakeApiServer(socket, 200, false)) {
      assertThat(new ApiSocket(socket).answers(Duration.ofSeconds(3))).isTrue();
    }
  }

  @Test
  void answers_falseOnErrorStatusMissingSocketOrSilence() throws Exception {
    assertThat(new ApiSocket(tmp.resolve("none.sock")).answers(Duration.ofSeconds(1))).isFalse();
    Path bad = tmp.resolve("bad.sock");
    try (FakeApiServer server = new FakeApiServer(bad, 500, false)) {
      assertThat(new ApiSocket(bad).answers(Duration.ofSeconds(3))).isFalse();
    }
    Path silent = tmp.resolve("silent.sock");
    try (FakeApiServer server = new FakeApiServer(silent, 200, true)) {
      long start = System.nanoTime();
      assertThat(new ApiSocket(silent).answers(Duration.ofMillis(500))).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }
}
