package io.azapg.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSelectorTest {
  @TempDir Path tmp;

  private EngineSelector selector(FakeEngine fake, Map<String, String> env) {
    return new EngineSelector(
        fake.runner(),
        env,
        Reporter.silent(),
        tmp.resolve("podman.sock"),
        tmp.resolve("docker.sock"));
  }

  @Test
  void auto_prefersPodmanWhenItAnswers() {
    FakeEngine fake = new FakeEngine(tmp, "podman", "docker").respond("info", "runc\n");

    ContainerEngine engine = selector(fake, Map.of()).select(Optional.empty());

    assertThat(engine.kind()).isEqualTo(EngineKind.PODMAN);
    assertThat(fake.calls())
        .containsExactly(java.util.List.of("info", "--format", "{{.Host.OCIRuntime.Name}}"));
  }

  @Test
  void auto_fallsBackToDockerWhenPodmanFails() {
    FakeEngine fake =
        new FakeEngine(tmp, "podman", "docker")
            .respond("info", 125, "", "Error: cannot connect\n")
            .respond("info", 0, "28.5.2\n", "");

    assertThat(selector(fake, Map.of()).select(Optional.of("auto")).kind())
        .isEqualTo(EngineKind.DOCKER);
  }

  @Test
  void auto_dockerClientWithoutDaemon_usesThePodmanSocket() throws Exception {
    FakeEngine fake = new FakeEngine(tmp, "docker").respond("info", "4.3.1\n");
    Files.createFile(tmp.resolve("podman.sock"));

    ContainerEngine engine = selector(fake, Map.of()).select(Optional.empty());

    assertThat(engine.kind()).isEqualTo(EngineKind.DOCKER);
    assertThat(fake.envOf(1)).contains("DOCKER_HOST=unix://" + tmp.resolve("podman.sock"));
  }

  @Test
  void none_isEngineErrorNamingBothAndHowToInstall() {
    FakeEngine fake = new FakeEngine(tmp);

    assertThatThrownBy(() -> selector(fake, Map.of()).select(Optional.empty()))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "no container engine answers: podman is not installed (not on PATH);"
                          + " docker is not installed (not on PATH)");
              assertThat(e.hints()).hasSize(3).first().asString().contains("aza-pg engine setup");
            });
  }

  @Test
  void environmentVariable_choosesTheEngine_andAMissingOneFails() {
    FakeEngine fake = new FakeEngine(tmp, "podman").respond("info", "runc\n");

    assertThatThrownBy(
            () -> selector(fake, Map.of("AZA_PG_ENGINE", "docker")).select(Optional.empty()))
        .hasMessage("docker was asked for but is not installed (not on PATH)");
    assertThat(
            selector(fake, Map.of("AZA_PG_ENGINE", "docker")).select(Optional.of("podman")).kind())
        .isEqualTo(EngineKind.PODMAN);
  }

  @Test
  void unknownName_isInvalidInput() {
    FakeEngine fake = new FakeEngine(tmp);

    assertThatThrownBy(() -> selector(fake, Map.of()).select(Optional.of("containerd")))
        .isInstanceOfSatisfying(
            AzaPgException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
  }
}
