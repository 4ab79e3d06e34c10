package io.azapg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.common.Reporter;
import io.azapg.engine.EngineSelector;
import io.azapg.it.TestImage;
import io.azapg.process.DefaultProcessRunner;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The tuner's main promise in a real container: at 512 MB and 1 GB, every session the settings
 * allow runs the sort-plus-hash statement at once, and none is OOM-killed (the cgroup's oom_kill
 * counter), the server does not crash-restart, the container keeps running and every session
 * finishes. The same code as {@code aza-pg bench tuning}'s memory test.
 */
class MemoryAtLimitIT {
  private static BenchSetup setup() {
    DefaultProcessRunner runner = new DefaultProcessRunner();
    return new BenchSetup(
        new EngineSelector(runner, System.getenv(), Reporter.silent()).select(Optional.empty()),
        runner,
        TestImage.get(),
        "aza-pg-it-mem-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36),
        "it-" + java.util.UUID.randomUUID(),
        new AtomicInteger());
  }

  @Test
  void everyAllowedSession_finishes_at512MbAnd1Gb_withoutAnOomKill() throws Exception {
    BenchSetup setup = setup();
    for (long mb : new long[] {512, 1024}) {
      MemoryTest.Result r = MemoryTest.run(setup, Contender.AZA_PG, mb, 1, 0);
      String what = mb + " MB: " + Report.memoryLine(r);
      assertThat(r.sessions()).as(what).isGreaterThanOrEqualTo(15);
      assertThat(r.oomKills()).as(what).isZero();
      assertThat(r.crashRestart()).as(what).isFalse();
      assertThat(r.containerDied()).as(what).isFalse();
      assertThat(r.finished()).as(what).isEqualTo(r.sessions());
      assertThat(r.peakBytes()).as(what).isPositive().isLessThan(mb << 20);
    }
  }
}
