package io.azapg.engine.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.FakeEngine;
import io.azapg.engine.RecordingReporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagesStepTest {
  private static final String DPKG = "-W_-f=${Package}\\t${db:Status-Abbrev}\\n";
  private static final String APT = "-o_DPkg::Lock::Timeout=600";

  @TempDir Path tmp;

  @Test
  void apply_emptyPackageLists_updatesThenInstallsOnlyTheMissing() {
    FakeEngine fake = new FakeEngine(tmp, "dpkg-query", "apt-get");
    fake.respond(DPKG, 1, "podman\tii \n", "").respond(DPKG, 1, "podman\tii \n", "");
    fake.respond(DPKG, 0, "podman\tii \nrunc\tii \n", "");
    fake.respond(APT, 100, "", "E: Unable to locate package runc\n");
    fake.respond(APT, 0, "Reading package lists...\n", "").respond(APT, 0, "Setting up runc\n", "");
    PackagesStep step = new PackagesStep(fake.runner(), List.of("podman", "runc"));
    RecordingReporter reporter = new RecordingReporter();

    assertThat(step.pending()).contains("apt-get install runc");
    step.apply(reporter);

    assertThat(fake.commands())
        .containsExactly(
            List.of("dpkg-query", "-W", "-f=${Package}\\t${db:Status-Abbrev}\\n", "podman", "runc"),
            List.of("dpkg-query", "-W", "-f=${Package}\\t${db:Status-Abbrev}\\n", "podman", "runc"),
            List.of(
                "apt-get",
                "-o",
                "DPkg::Lock::Timeout=600",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "runc"),
            List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "update", "-q"),
            List.of(
                "apt-get",
                "-o",
                "DPkg::Lock::Timeout=600",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "runc"),
            List.of(
                "dpkg-query", "-W", "-f=${Package}\\t${db:Status-Abbrev}\\n", "podman", "runc"));
    assertThat(fake.envOf(3)).contains("DEBIAN_FRONTEND=noninteractive");
    assertThat(reporter.messages()).contains("debug: apt: Setting up runc");
  }

  @Test
  void apply_installFails_isEngineErrorQuotingApt() {
    FakeEngine fake = new FakeEngine(tmp, "dpkg-query", "apt-get");
    fake.respond(DPKG, 1, "", "");
    fake.respond(APT, 100, "", "E: Sub-process /usr/bin/dpkg returned an error code (1)\n");
    PackagesStep step = new PackagesStep(fake.runner(), List.of("podman"));

    assertThatThrownBy(() -> step.apply(new RecordingReporter()))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage())
                  .startsWith("apt-get install failed with exit code 100")
                  .contains("dpkg returned an error code");
            });
  }
}
