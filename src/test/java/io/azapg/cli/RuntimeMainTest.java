package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RuntimeMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RuntimeMain.run(new Console(new PrintWriter(out), new PrintWriter(err), false), args);
  }

  @Test
  void noStep_isAUsageError_withTheUsage() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString())
        .contains("aza-pg: error: no step given")
        .contains("hint: usage: RuntimeMain prepare-root");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void unknownStep_isNamed() {
    assertThat(run("prepare-rot", "--", "postgres")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown step \"prepare-rot\"");
  }

  @Test
  void prepare_optionBeforeTheServerArguments_mustBeKnown() {
    assertThat(run("prepare", "--secrets", "--", "postgres")).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown option \"--secrets\" (the server's arguments follow \"--\")");
  }

  @Test
  void sidecar_takesExactlyOneService() {
    assertThat(run("sidecar")).isEqualTo(2);
    assertThat(err.toString()).contains("sidecar takes one SERVICE, got 0 arguments");
  }

  @Test
  void sidecar_unknownService_isReportedLikeTheCli() {
    assertThat(run("sidecar", "pgbouncr")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "aza-pg: error: unknown service \"pgbouncr\": expected pgbouncer, postgres-exporter or"
                + " pgbouncer-exporter");
    assertThat(CliRun.of("runtime", "sidecar", "pgbouncr").err())
        .contains("unknown service \"pgbouncr\"");
  }
}
