package io.azapg.tune.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.tune.Resources;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Detection on the machine the tests run on (cgroup v1 hybrid on the build machines). */
class SystemDetectionTest {
  @Test
  void detect_readsThisMachine() {
    Resources r = Detector.system(Map.of()).detect();
    assertThat(r.memory().value().bytes()).isPositive();
    assertThat(r.memory().source()).isNotBlank();
    assertThat(r.cpus().value()).isBetween(1, Resources.MAX_CPUS);
    assertThat(r.ioUring().source()).isNotBlank();
  }
}
