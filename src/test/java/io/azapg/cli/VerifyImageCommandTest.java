package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.common.ExitCode;
import org.junit.jupiter.api.Test;

/** {@code verify-image --only}: a wrong name is a usage error before any engine is touched. */
class VerifyImageCommandTest {
  private static final String VALID = "src/test/resources/catalog/valid.json";

  @Test
  void only_unknownName_isAUsageErrorNamingTheInputAndTheCatalog() {
    CliRun run = CliRun.of("verify-image", "--catalog", VALID, "--only", "vector,pg_crn", "x:1");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err())
        .contains("--only pg_crn: no catalog entry named \"pg_crn\" (did you mean pg_cron?)")
        .contains("the catalog " + VALID)
        .contains("Run 'aza-pg verify-image --help' for usage.")
        .doesNotContain("at io.azapg");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void only_disabledEntry_isRefusedWithItsReason() {
    CliRun run = CliRun.of("verify-image", "--catalog", VALID, "--only", "vectorscale", "x:1");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err())
        .contains("--only vectorscale: catalog entry vectorscale is disabled")
        .contains("the build cannot reach")
        .contains("the image does not have it");
  }

  @Test
  void only_emptyName_isRefused() {
    CliRun run = CliRun.of("verify-image", "--catalog", VALID, "--only", "vector,,pg_cron");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("--only: empty entry name in 'vector,,pg_cron'");
  }

  @Test
  void help_documentsOnly() {
    CliRun run = CliRun.of("verify-image", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--only=NAME").contains("dblink");
  }
}
