package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RootCommandTest {
  @Test
  void help_printsUsageOnStdoutAndExitsZero() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: aza-pg").contains("Exit codes:");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void version_printsVersionOnStdout() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("aza-pg ");
  }

  @Test
  void unknownOption_isUsageErrorOnStderr() {
    CliRun run = CliRun.of("--verbos");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("Unknown option: '--verbos'").contains("--verbose");
  }

  @Test
  void noCommand_isUsageError() {
    CliRun run = CliRun.of();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing command");
  }
}
