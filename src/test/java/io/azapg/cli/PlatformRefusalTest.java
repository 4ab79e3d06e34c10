package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Refusals that need no engine: an unlocked architecture, diagnose's stack options. */
class PlatformRefusalTest {
  @Test
  void build_platformWithoutALockSection_isRefusedNamingItAndTheFix_beforeAnyEngineWork() {
    CliRun r = CliRun.of("build", "--platform", "linux/s390x");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains(
            "--platform linux/s390x: image/packages.lock locks no packages for s390x (it locks"
                + " amd64, arm64)")
        .contains("hint: lock that architecture first: './aza-pg lock --arch s390x'")
        .doesNotContain("base image");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void build_jobsOutOfRange_isRefusedWithTheRange_beforeAnyEngineWork() {
    CliRun r = CliRun.of("build", "--jobs", "0");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("--jobs 0 is out of range: the build runs 1 to 16 stages at once")
        .contains("hint: use --jobs 1");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void lock_badArchitectureName_isRefused() {
    CliRun r = CliRun.of("lock", "--check", "--arch", "ARM 64");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("--arch ARM 64: not a Debian architecture name");
  }

  @Test
  void diagnose_nameWithoutStack_isAUsageError() {
    CliRun r = CliRun.of("diagnose", "--name", "aza-pg-primary");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--name needs --stack");
  }

  @Test
  void diagnose_stackThatWasNeverStarted_saysHowToStartOne() {
    CliRun r =
        CliRun.of("diagnose", "--stack", "single", "--name", "aza-pg-never-started-multiarch");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("no stack aza-pg-never-started-multiarch")
        .contains("'aza-pg up --stack ...' starts one");
  }
}
