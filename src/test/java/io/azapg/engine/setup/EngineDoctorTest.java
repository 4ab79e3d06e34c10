package io.azapg.engine.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineDoctorTest {
  @TempDir Path tmp;

  @Test
  void examine_setUpHost_everyPiecePresent() throws Exception {
    try (FakeHost host = new FakeHost(tmp, "podman", "docker")) {
      host.configured().apiAnswering().tickerRunning().composeInstalled();
      host.fake.respond("--version", "podman version 4.3.1\n");
      host.fake.respond("info", "runc /usr/bin/runc\n");
      host.fake.respond("image_exists", 0, "", "");

      DoctorReport report = new EngineDoctor(host.runner, host.paths).examine();

      assertThat(report.engine()).isEqualTo("podman");
      assertThat(report.checks())
          .extracting(DoctorCheck::name)
          .containsExactly(
              "engine",
              "oci runtime",
              "containers.conf",
              "api socket",
              "docker cli",
              "compose v2",
              "healthcheck ticker",
              "base image",
              "shell environment");
      assertThat(report.checks()).allMatch(c -> c.status() == DoctorCheck.Status.PRESENT);
      assertThat(report.healthy()).isTrue();
      assertThat(report.checks().get(5).detail()).isEqualTo("Docker Compose version 2.40.3-3");
    }
  }

  @Test
  void examine_crunAndNoSocket_areMissingWithFixes() throws Exception {
    try (FakeHost host = new FakeHost(tmp, "podman")) {
      host.fake.respond("--version", "podman version 4.3.1\n");
      host.fake.respond("info", "crun /usr/bin/crun\n");
      host.fake.respond("image_exists", 1, "", "");

      DoctorReport report = new EngineDoctor(host.runner, host.paths).examine();

      assertThat(report.healthy()).isFalse();
      DoctorCheck runtime = report.checks().get(1);
      assertThat(runtime.status()).isEqualTo(DoctorCheck.Status.MISSING);
      assertThat(runtime.detail()).startsWith("crun /usr/bin/crun");
      assertThat(runtime.fix())
          .hasValueSatisfying(f -> assertThat(f).contains("runtime = \"runc\""));
      assertThat(report.checks().get(3).fix())
          .hasValueSatisfying(f -> assertThat(f).contains("podman system service"));
      DoctorCheck base = report.checks().get(7);
      assertThat(base.required()).isFalse();
      assertThat(base.fix()).contains("aza-pg base");
    }
  }

  @Test
  void examine_noEngine_isNone() throws Exception {
    try (FakeHost host = new FakeHost(tmp)) {
      DoctorReport report = new EngineDoctor(host.runner, host.paths).examine();

      assertThat(report.engine()).isEqualTo("none");
      assertThat(report.checks().get(0).fix())
          .hasValueSatisfying(f -> assertThat(f).contains("aza-pg engine setup"));
      assertThat(report.healthy()).isFalse();
    }
  }
}
