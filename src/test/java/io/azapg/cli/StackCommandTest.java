package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aza-pg stack render}: files into a directory, options checked, usage errors. */
class StackCommandTest {
  @TempDir Path tmp;

  @Test
  void render_writesTheStackWithItsOptions() throws Exception {
    CliRun run =
        CliRun.of(
            "stack",
            "render",
            "primary",
            "--dir",
            tmp.toString(),
            "--set",
            "memory=2GB",
            "--set",
            "cpus=2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines())
        .contains(tmp.resolve("compose.yaml").toString(), tmp.resolve("pgbouncer.ini").toString());
    assertThat(Files.readString(tmp.resolve("compose.yaml"))).contains("memory: 2048m");
    assertThat(Files.readString(tmp.resolve(".env.example"))).contains("POSTGRES_PORT=5432");
    assertThat(Files.readString(tmp.resolve("pgbouncer.ini"))).contains("pool_mode = transaction");

    CliRun again =
        CliRun.of(
            "stack",
            "render",
            "primary",
            "--dir",
            tmp.toString(),
            "--set",
            "memory=2GB",
            "--set",
            "cpus=2");
    assertThat(again.out()).isEmpty();
  }

  @Test
  void render_badOption_exits3_namingIt() {
    CliRun run =
        CliRun.of(
            "stack", "render", "single", "--dir", tmp.toString(), "--set", "pgbouncer-port=1");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("--set pgbouncer-port: the single stack has no such option");
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void render_setWithoutDir_isAUsageError() {
    CliRun run = CliRun.of("stack", "render", "replica", "--set", "port=1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--set needs --dir");
  }

  @Test
  void render_unknownStack_exits3() {
    CliRun run = CliRun.of("stack", "render", "cluster", "--dir", tmp.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .contains("\"cluster\" is not a stack")
        .contains("primary, replica or single");
  }
}
