package io.azapg.engine.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.HostFacts;
import io.azapg.engine.RecordingReporter;
import io.azapg.engine.base.BootstrapSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSetupTest {
  private static final HostFacts DEBIAN_ROOT =
      new HostFacts("debian", "bookworm", "Debian GNU/Linux 12", 0);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  private EngineSetup setup(FakeHost host, HostFacts facts) {
    return EngineSetup.create(
        host.runner,
        facts,
        host.paths,
        BootstrapSource.of(Optional.empty()),
        Reporter.silent(),
        CLOCK);
  }

  @Test
  void plan_freshHost_everyStepHasWork() throws Exception {
    try (FakeHost host = new FakeHost(tmp, "dpkg-query")) {
      host.fake.respond(
          "-W_-f=${Package}\\t${db:Status-Abbrev}\\n",
          1,
          "",
          "dpkg-query: no packages found matching podman\n");

      List<SetupReport.Outcome> plan = setup(host, DEBIAN_ROOT).plan();

      assertThat(plan)
          .extracting(SetupReport.Outcome::name)
          .containsExactly(
              "packages",
              "containers.conf",
              "api socket",
              "healthcheck ticker",
              "base image",
              "compose v2",
              "profile");
      assertThat(plan).allMatch(SetupReport.Outcome::changed);
      assertThat(plan.get(0).detail())
          .isEqualTo("apt-get install " + String.join(" ", AptPackages.REQUIRED));
      assertThat(plan.get(2).detail())
          .isEqualTo("start podman system service --time=0 " + host.paths.dockerHost());
      assertThat(plan.get(4).detail())
          .isEqualTo("bootstrap localhost/aza-pg-base:forky (once podman is installed)");
      assertThat(plan.get(5).detail())
          .isEqualTo("install the docker CLI and Compose v2 from Debian forky");
    }
  }

  @Test
  void plan_and_run_setUpHost_everyStepAlreadyDone() throws Exception {
    try (FakeHost host = new FakeHost(tmp, "dpkg-query", "podman", "docker")) {
      host.allPackagesInstalled().configured().apiAnswering().tickerRunning().composeInstalled();
      host.fake.respond("image_exists", 0, "", "");
      RecordingReporter reporter = new RecordingReporter();

      SetupReport report = setup(host, DEBIAN_ROOT).run(reporter);

      assertThat(report.changedAnything()).isFalse();
      assertThat(report.steps()).allMatch(s -> s.detail().equals("already done"));
      assertThat(reporter.messages())
          .contains("info: setup: packages: already done", "info: setup: compose v2: already done")
          .last()
          .asString()
          .startsWith("info: setup: nothing to do in ");
    }
  }

  @Test
  void apiSocket_openToOthers_isMadeRootOnly_withoutRestartingTheService() throws Exception {
    try (FakeHost host = new FakeHost(tmp, "dpkg-query", "podman", "docker")) {
      host.allPackagesInstalled().configured().apiAnswering().tickerRunning().composeInstalled();
      host.fake.respond("image_exists", 0, "", "");
      Files.setPosixFilePermissions(
          host.paths.socket(),
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));

      assertThat(setup(host, DEBIAN_ROOT).plan())
          .filteredOn(o -> o.changed())
          .singleElement()
          .satisfies(o -> assertThat(o.detail()).contains("root-only (0600)"));
      setup(host, DEBIAN_ROOT).run(new RecordingReporter());

      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(host.paths.socket())))
          .isEqualTo("rw-------");
      assertThat(setup(host, DEBIAN_ROOT).plan()).noneMatch(o -> o.changed());
    }
  }

  @Test
  void plan_partiallySetUp_onlyTheMissingPiecesHaveWork() throws Exception {
    try (FakeHost host = new FakeHost(tmp, "dpkg-query", "podman", "docker")) {
      host.fake.respond(
          "-W_-f=${Package}\\t${db:Status-Abbrev}\\n", 1, "podman\tii \nrunc\tii \n", "");
      host.composeInstalled();
      host.fake.respond("image_exists", 1, "", "");
      Files.createDirectories(host.paths.containersConf().getParent());
      Files.writeString(host.paths.containersConf(), "[engine]\nruntime = \"crun\"\n");

      List<SetupReport.Outcome> plan = setup(host, DEBIAN_ROOT).plan();

      assertThat(plan.get(0).detail())
          .doesNotContain("podman ")
          .contains("buildah")
          .doesNotContain(" runc ");
      assertThat(plan.get(1).detail()).contains("engine.runtime = \"runc\"");
      assertThat(plan.get(4).detail()).isEqualTo("bootstrap localhost/aza-pg-base:forky");
      assertThat(plan.get(5).changed()).isFalse();
    }
  }

  @Test
  void containersConfStep_backsUpTheOriginalAndKeepsItsContent() throws Exception {
    Path conf = tmp.resolve("containers.conf");
    Files.writeString(conf, "[engine]\nnum_locks = 4096\n");
    ContainersConfStep step = new ContainersConfStep(conf, CLOCK);

    step.apply(Reporter.silent());

    assertThat(Files.readString(tmp.resolve("containers.conf.20261124T100000Z.aza-pg-backup")))
        .isEqualTo("[engine]\nnum_locks = 4096\n");
    assertThat(Files.readString(conf)).startsWith("[engine]\nnum_locks = 4096\n");
    assertThat(step.pending()).isEmpty();
  }

  @Test
  void run_notDebian_printsWhatToInstallWithExitCodeFour() throws Exception {
    try (FakeHost host = new FakeHost(tmp)) {
      HostFacts fedora = new HostFacts("fedora", "", "Fedora Linux 41", 0);

      assertThatThrownBy(() -> setup(host, fedora).run(Reporter.silent()))
          .isInstanceOfSatisfying(
              AzaPgException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "aza-pg engine setup installs Podman only on Debian as root; this runs on Fedora Linux 41");
                assertThat(e.hints()).isEqualTo(EngineSetup.manualInstructions());
                assertThat(e.hints())
                    .anyMatch(h -> h.contains("runtime = \"runc\""))
                    .anyMatch(h -> h.contains("podman system service"));
              });
      assertThat(host.fake.calls()).isEmpty();
    }
  }

  @Test
  void run_debianButNotRoot_saysToUseRoot() throws Exception {
    try (FakeHost host = new FakeHost(tmp)) {
      assertThatThrownBy(
              () ->
                  setup(host, new HostFacts("debian", "bookworm", "Debian", 1000))
                      .run(Reporter.silent()))
          .hasMessageEndingWith("this runs not as root (uid 1000)")
          .isInstanceOfSatisfying(
              AzaPgException.class,
              e ->
                  assertThat(e.hints())
                      .containsExactly("run it as root: sudo ./aza-pg engine setup"));
    }
  }
}
