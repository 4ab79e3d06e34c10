package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeCommandTest {
  @Test
  void runtime_isHiddenFromTheTopLevelHelp() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).doesNotContain("runtime");
  }

  @Test
  void prepare_help_describesTheStep() {
    CliRun run = CliRun.of("runtime", "prepare", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("SERVER_ARGS").contains("temporary server");
  }

  @Test
  void runtime_withoutSubcommand_isAUsageError() {
    assertThat(CliRun.of("runtime").exitCode()).isEqualTo(2);
  }
}
