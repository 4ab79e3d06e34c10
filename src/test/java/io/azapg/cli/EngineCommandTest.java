package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.engine.setup.DoctorCheck;
import io.azapg.engine.setup.DoctorReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineCommandTest {
  private static final DoctorReport REPORT =
      new DoctorReport(
          "podman",
          List.of(
              new DoctorCheck(
                  "engine",
                  true,
                  DoctorCheck.Status.PRESENT,
                  "podman version 4.3.1",
                  Optional.empty()),
              new DoctorCheck(
                  "api socket",
                  true,
                  DoctorCheck.Status.MISSING,
                  "does not answer",
                  Optional.of("aza-pg engine setup")),
              new DoctorCheck(
                  "base image",
                  false,
                  DoctorCheck.Status.MISSING,
                  "not found",
                  Optional.of("aza-pg base"))));

  @Test
  void engine_withoutSubcommand_isUsageError() {
    CliRun run = CliRun.of("engine");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing command: doctor or setup");
  }

  @Test
  void help_listsDoctorSetupAndBase() {
    assertThat(CliRun.of("--help").out()).contains("engine", "base");
    assertThat(CliRun.of("engine", "--help").out()).contains("doctor", "setup");
    assertThat(CliRun.of("engine", "setup", "--help").out()).contains("--dry-run", "--mirror");
    assertThat(CliRun.of("base", "--help").out())
        .contains("--suite", "--mirror", "--rebuild", "--no-pull", "--engine", "forky");
  }

  @Test
  void doctorJson_hasEveryCheckWithStatusAndFix() throws Exception {
    JsonNode json = new ObjectMapper().readTree(EngineCommand.Doctor.json(REPORT));

    assertThat(json.path("engine").asText()).isEqualTo("podman");
    assertThat(json.path("healthy").asBoolean()).isFalse();
    assertThat(json.path("checks")).hasSize(3);
    JsonNode socket = json.path("checks").get(1);
    assertThat(socket.path("name").asText()).isEqualTo("api socket");
    assertThat(socket.path("required").asBoolean()).isTrue();
    assertThat(socket.path("status").asText()).isEqualTo("missing");
    assertThat(socket.path("fix").asText()).isEqualTo("aza-pg engine setup");
    assertThat(json.path("checks").get(0).path("fix").isNull()).isTrue();
  }

  @Test
  void doctorText_marksRequiredAndOptionalPieces() {
    StringWriter out = new StringWriter();
    EngineCommand.Doctor.text(REPORT, new PrintWriter(out, true));

    assertThat(out.toString())
        .startsWith("engine: podman\n")
        .contains("  ok       engine ")
        .contains("  MISSING  api socket ")
        .contains("           fix: aza-pg engine setup\n")
        .contains("  missing  base image (optional) ");
  }

  @Test
  void base_unknownEngine_isInvalidInput() {
    CliRun run = CliRun.of("base", "--engine", "containerd");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .contains("unknown container engine 'containerd'")
        .contains("hint: choose podman or docker");
    assertThat(run.out()).isEmpty();
  }
}
