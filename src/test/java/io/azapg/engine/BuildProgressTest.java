package io.azapg.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.Channel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BuildProgressTest {
  private final AtomicLong now = new AtomicLong();
  private final RecordingReporter reporter = new RecordingReporter();
  private final BuildProgress progress = new BuildProgress(reporter, now::get);

  private void at(long seconds, String line) {
    now.set(Duration.ofSeconds(seconds).toNanos());
    progress.onLine(Channel.STDOUT, line);
  }

  private void heartbeatAt(long seconds) {
    now.set(Duration.ofSeconds(seconds).toNanos());
    progress.heartbeat();
  }

  private long infos() {
    return reporter.messages().stream().filter(m -> m.startsWith("info: ")).count();
  }

  @Test
  void steps_areReportedAbbreviated_andEveryLineGoesToVerbose() {
    at(0, "STEP 7/21: RUN /usr/local/lib/aza-pg/build/apt-install-locked " + "pkg=1 ".repeat(50));
    at(1, "Reading package lists...");

    assertThat(reporter.messages().get(1))
        .startsWith("info: STEP 7/21: RUN /usr/local/lib/aza-pg/build/apt-install-locked pkg=1")
        .endsWith("…")
        .hasSizeLessThan(120);
    assertThat(reporter.messages()).contains("debug:   Reading package lists...");
    assertThat(progress.step()).startsWith("STEP 7/21: RUN");
  }

  @Test
  void apt_countsDownloadsUnpacksAndSetupsAgainstTheTotal_atMostEveryTenSeconds() {
    at(0, "STEP 3/9: RUN install");
    at(1, "0 upgraded, 3 newly installed, 0 to remove and 0 not upgraded.");
    at(2, "Get:1 http://deb.debian.org/debian forky/main amd64 a 1 [10 kB]");
    at(3, "Get:2 http://deb.debian.org/debian forky/main amd64 b 1 [10 kB]");
    at(12, "Get:3 http://deb.debian.org/debian forky/main amd64 c 1 [10 kB]");
    at(13, "Unpacking a (1) ...");
    at(30, "Setting up a (1) ...");

    assertThat(reporter.messages())
        .contains(
            "info:   apt: 3/3 downloaded, 0/3 unpacked, 0/3 set up (12 s)",
            "info:   apt: 3/3 downloaded, 1/3 unpacked, 1/3 set up (30 s)")
        .noneMatch(m -> m.contains("2/3 downloaded"));
  }

  @Test
  void heartbeat_reportsASilentStepWithItsElapsedTime_onlyAfterThirtySeconds() {
    at(0, "STEP 2/9: RUN jlink --add-modules java.base");
    heartbeatAt(20);
    long before = infos();
    heartbeatAt(95);
    heartbeatAt(100);

    assertThat(before).isEqualTo(1);
    assertThat(reporter.messages()).contains("info:   STEP 2/9 is still running (1 min 35 s)");
    assertThat(infos()).isEqualTo(2);
  }

  @Test
  void ownScriptLines_areShownAndCompilerRunsCounted() {
    at(0, "STEP 5/9: RUN make");
    at(1, "aza-pg-apt: 2 pinned version(s) are not on the mirror: a=1 b=2");
    at(2, "gcc -Wall -O2 -fPIC -c -o x.o x.c");
    at(3, "x86_64-linux-gnu-gcc -O2 -c y.c -o y.o");
    heartbeatAt(40);

    assertThat(reporter.messages())
        .contains(
            "info:   2 pinned version(s) are not on the mirror: a=1 b=2",
            "info:   2 files compiled (40 s)");
  }

  @Test
  void podmanStagePrefix_isPartOfTheStep() {
    at(0, "[2/2] STEP 8/29: RUN /usr/local/lib/aza-pg/build/apt-install-locked a=1");
    heartbeatAt(31);

    assertThat(reporter.messages())
        .contains(
            "info: [2/2] STEP 8/29: RUN /usr/local/lib/aza-pg/build/apt-install-locked a=1",
            "info:   [2/2] STEP 8/29 is still running (31 s)");
  }

  @Test
  void stepOutput_isTheLastStepsLines() {
    at(0, "STEP 1/2: FROM base");
    at(1, "noise");
    at(2, "STEP 2/2: RUN false");
    at(3, "E: it broke");

    assertThat(progress.stepOutput()).containsExactly("E: it broke");
  }

  @Test
  void failedStep_isTheLastStep_whenTheEngineNamesIt() {
    at(0, "[2/3] STEP 2/2: RUN make -C /build/a");
    at(1, "Error: building at STEP \"RUN make -C /build/a\": exit status 2");

    assertThat(progress.failedStep()).isEqualTo("[2/3] STEP 2/2: RUN make -C /build/a");
  }

  @Test
  void failedStep_isTheEnginesName_whenAnotherStageStartedAStepSince() {
    // stages built at once: stage 1's make fails after stage 3 started its apt step
    at(0, "[1/3] STEP 2/2: RUN make -C /build/a");
    at(1, "[3/3] STEP 5/9: RUN apt-install-locked x=1");
    at(2, "make: *** [all] Error 2");
    at(3, "Error: building at STEP \"RUN make -C /build/a\": exit status 2");

    assertThat(progress.failedStep()).isEqualTo("STEP RUN make -C /build/a");
    assertThat(progress.step()).isEqualTo("[3/3] STEP 5/9: RUN apt-install-locked x=1");
  }

  @Test
  void failedStep_withoutTheEnginesWord_isTheLastStep() {
    at(0, "STEP 1/2: FROM base");

    assertThat(progress.failedStep()).isEqualTo("STEP 1/2: FROM base");
  }

  @Test
  void interleaved_reportsStepsAndElapsedTime_butNoCountsOrStepThatMayHaveFinished() {
    BuildProgress atOnce = new BuildProgress(reporter, now::get, true);
    now.set(0);
    atOnce.onLine(Channel.STDOUT, "[1/3] STEP 6/6: RUN apt-install-locked a=1");
    atOnce.onLine(Channel.STDOUT, "[3/3] STEP 8/42: RUN apt-install-locked b=1");
    now.set(Duration.ofSeconds(20).toNanos());
    atOnce.onLine(Channel.STDOUT, "0 upgraded, 3 newly installed, 0 to remove and 0 not upgraded.");
    atOnce.onLine(Channel.STDOUT, "Get:1 http://deb.debian.org/debian forky/main arm64 a 1 [1 kB]");
    atOnce.onLine(Channel.STDOUT, "aza-pg-apt: installing 3 packages");
    now.set(Duration.ofSeconds(95).toNanos());
    atOnce.heartbeat();

    assertThat(reporter.messages())
        .filteredOn(m -> m.startsWith("info: "))
        .containsExactly(
            "info: [1/3] STEP 6/6: RUN apt-install-locked a=1",
            "info: [3/3] STEP 8/42: RUN apt-install-locked b=1",
            "info:   installing 3 packages",
            "info:   the build is still running (1 min 35 s; the last step started 1 min 35 s"
                + " ago)");
  }
}
