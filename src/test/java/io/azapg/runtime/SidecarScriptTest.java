package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs image/files/aza-pg-sidecar with fakes for java, id, setpriv and the programs: credentials
 * first, then the privilege drop to the service's user and the exec with its arguments.
 */
class SidecarScriptTest {
  private static final Path SCRIPT = Path.of("image/files/aza-pg-sidecar");

  @TempDir Path tmp;
  private Path bin;

  @BeforeEach
  void setUp() throws Exception {
    bin = Files.createDirectories(tmp.resolve("bin"));
    fake("java", "echo \"java ${*: -3}\" >> \"$FAKE_DIR/calls\"\nexit \"${FAKE_JAVA_RC:-0}\"");
    fake("id", "echo 0");
    fake("setpriv", "echo \"setpriv $1 $2\" >> \"$FAKE_DIR/calls\"\nshift 7\nexec \"$@\"");
    for (String p :
        List.of("pgbouncer", "prometheus-postgres-exporter", "prometheus-pgbouncer-exporter")) {
      fake(p, "echo \"" + p + " $* PGPASSFILE=${PGPASSFILE:-}\" >> \"$FAKE_DIR/calls\"");
    }
  }

  private void fake(String name, String body) throws Exception {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private List<String> run(String javaRc, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_DIR", tmp.toString());
    pb.environment().put("FAKE_JAVA_RC", javaRc);
    pb.environment().put("AZA_PG_JAVA", bin.resolve("java").toString());
    pb.environment().put("AZA_PG_RUN_DIR", "/run/aza-pg");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Path calls = tmp.resolve("calls");
    List<String> lines =
        new ArrayList<>(Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    Files.deleteIfExists(calls);
    lines.add("exit=" + p.exitValue());
    return lines;
  }

  @Test
  void pgbouncer_credentialsThenDropToPostgres() throws Exception {
    assertThat(run("0", "pgbouncer", "/etc/aza-pg/pgbouncer.ini"))
        .containsExactly(
            "java io.azapg.cli.RuntimeMain sidecar pgbouncer",
            "setpriv --reuid postgres",
            "pgbouncer /etc/aza-pg/pgbouncer.ini PGPASSFILE=",
            "exit=0");
  }

  @Test
  void exporters_runAsPrometheusWithTheirPassfile() throws Exception {
    assertThat(run("0", "postgres-exporter", "--extend.query-path=/q.yaml"))
        .containsExactly(
            "java io.azapg.cli.RuntimeMain sidecar postgres-exporter",
            "setpriv --reuid prometheus",
            "prometheus-postgres-exporter --web.listen-address=:9187 --extend.query-path=/q.yaml"
                + " PGPASSFILE=/run/aza-pg/postgres-exporter/pgpass",
            "exit=0");
    assertThat(run("0", "pgbouncer-exporter"))
        .contains(
            "prometheus-pgbouncer-exporter --web.listen-address=:9127"
                + " PGPASSFILE=/run/aza-pg/pgbouncer-exporter/pgpass");
  }

  @Test
  void failedCredentials_stopBeforeTheProgramStarts() throws Exception {
    assertThat(run("3", "pgbouncer"))
        .containsExactly("java io.azapg.cli.RuntimeMain sidecar pgbouncer", "exit=3");
  }

  @Test
  void unknownService_isAUsageError() throws Exception {
    assertThat(run("0", "redis")).containsExactly("exit=2");
  }

  @Test
  void shellcheckFindsNothing() throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("shellcheck", SCRIPT.toString()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "shellcheck is needed to check the image's shell scripts: apt-get install shellcheck"
              + " (.ci/run installs it)",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }
}
