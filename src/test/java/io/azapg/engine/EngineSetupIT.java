package io.azapg.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the real jar: every required piece of the toolchain is present, and setup has nothing left
 * to do.
 */
class EngineSetupIT {
  private static final DefaultProcessRunner RUNNER = new DefaultProcessRunner();

  private static ProcessResult jar(String... args) {
    Path jar = Path.of(System.getProperty("azapg.jar", "target/aza-pg.jar"));
    assertThat(jar).as("the shaded jar (built by 'package')").exists();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return RUNNER.execute(
        ProcessSpec.of(java.toString(), "-jar", jar.toString())
            .args(args)
            .timeout(Duration.ofMinutes(2))
            .build());
  }

  @Test
  void doctor_everyRequiredPieceIsPresent() throws Exception {
    ProcessResult result = jar("engine", "doctor", "--format", "json");
    JsonNode report = new ObjectMapper().readTree(result.stdout());

    List<String> missing = new ArrayList<>();
    for (JsonNode check : report.path("checks")) {
      if (check.path("required").asBoolean() && !check.path("status").asText().equals("present")) {
        missing.add(
            check.path("name").asText()
                + ": "
                + check.path("detail").asText()
                + " (fix: "
                + check.path("fix").asText()
                + ")");
      }
    }
    assertThat(missing)
        .as(
            "required pieces missing; run './aza-pg engine setup' (Debian, root) or see"
                + " './aza-pg engine doctor'")
        .isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(report.path("healthy").asBoolean()).isTrue();
    assertThat(report.path("engine").asText()).isIn("podman", "docker");
  }

  @Test
  void dockerCliAndCompose_talkToPodmanThroughTheSocket() {
    ContainerEngine engine = ItEngine.require();
    if (engine.kind() != EngineKind.PODMAN) {
      return; // a docker engine answers the docker CLI itself
    }
    String socket = "unix://" + EngineSelector.PODMAN_SOCKET;

    ProcessResult server =
        RUNNER.execute(
            ProcessSpec.of("docker", "version", "--format", "{{.Server.Version}}")
                .env("DOCKER_HOST", socket)
                .build());
    ProcessResult compose =
        RUNNER.execute(
            ProcessSpec.of("docker", "compose", "version").env("DOCKER_HOST", socket).build());

    assertThat(server.exitCode()).as(server.stderr()).isZero();
    assertThat(server.stdout().trim()).isEqualTo(engine.info().version());
    assertThat(compose.stdout()).startsWith("Docker Compose version 2.");
  }

  @Test
  void setup_dryRun_findsNothingLeftToDo() {
    ProcessResult result = jar("engine", "setup", "--dry-run");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdoutLines())
        .as("'./aza-pg engine setup' has been run on this host")
        .hasSize(7)
        .allSatisfy(line -> assertThat(line).endsWith("already done"));
  }

  @Test
  void doctor_text_readsAsAChecklist() {
    ProcessResult result = jar("engine", "doctor");

    assertThat(result.stdout()).startsWith("engine: ").contains("  ok       compose v2");
    assertThat(
            Files.exists(Path.of("/etc/profile.d/aza-pg-engine.sh"))
                || result.stdout().contains("shell environment"))
        .isTrue();
  }
}
