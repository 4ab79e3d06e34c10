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
 * Runs image/files/docker-entrypoint.sh with fakes for java, id, setpriv and postgres: checks the
 * dispatch rules, the privilege drop and the OOM environment of the final exec.
 */
class EntrypointScriptTest {
  private static final Path SCRIPT = Path.of("image/files/docker-entrypoint.sh");

  @TempDir Path tmp;
  private Path bin;

  @BeforeEach
  void setUp() throws Exception {
    bin = Files.createDirectories(tmp.resolve("bin"));
    // prepare-root prints a handoff line; prepare records what it got on stdin and its HOME
    script(
        "java",
        """
        #!/bin/bash
        line="java $*"
        case "$*" in
          *prepare-root*) echo 'POSTGRES_PASSWORD c2VjcmV0' ;;
          *--secrets-from-stdin*) line="$line stdin=$(cat) home=$HOME" ;;
        esac
        echo "$line" >> "$FAKE_DIR/calls"
        exit "${FAKE_JAVA_RC:-0}"
        """);
    script("id", "#!/bin/sh\necho \"${FAKE_UID:-0}\"\n");
    // logs its options, then runs what follows "--"
    script(
        "setpriv",
        """
        #!/bin/bash
        opts=()
        while [ "$1" != '--' ]; do opts+=("$1"); shift; done
        shift
        echo "setpriv ${opts[*]}" >> "$FAKE_DIR/calls"
        exec "$@"
        """);
    script(
        "postgres",
        "#!/bin/sh\necho \"postgres $* oom=$PG_OOM_ADJUST_FILE:$PG_OOM_ADJUST_VALUE"
            + " home=$HOME\" >> \"$FAKE_DIR/calls\"\n");
    script("psql", "#!/bin/sh\necho \"psql $*\" >> \"$FAKE_DIR/calls\"\n");
  }

  private void script(String name, String text) throws Exception {
    Path p = bin.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private List<String> run(String uid, String javaRc, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_DIR", tmp.toString());
    pb.environment().put("FAKE_UID", uid);
    pb.environment().put("FAKE_JAVA_RC", javaRc);
    pb.environment().put("AZA_PG_JAVA", bin.resolve("java").toString());
    pb.environment().put("AZA_PG_JAR", "/opt/aza-pg/aza-pg.jar");
    pb.environment().put("HOME", "/root");
    pb.environment().remove("PG_OOM_ADJUST_VALUE");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Path calls = tmp.resolve("calls");
    List<String> lines = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    Files.deleteIfExists(calls);
    lines = new ArrayList<>(lines);
    lines.add("exit=" + p.exitValue());
    return lines;
  }

  private static final String JAVA =
      "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m -XX:AOTCache=/opt/aza-pg/aza-pg.aot -Xlog:aot=off -Xlog:cds=off -XX:-UsePerfData -cp /opt/aza-pg/aza-pg.jar io.azapg.cli.RuntimeMain";
  private static final String SETPRIV =
      "setpriv --reuid postgres --regid postgres --init-groups --no-new-privs";

  @Test
  void noArguments_rootStepThenPreparationAndServerAsPostgres_secretsOnStdin() throws Exception {
    assertThat(run("0", "0"))
        .containsExactly(
            JAVA + " prepare-root -- postgres",
            SETPRIV,
            JAVA
                + " prepare --secrets-from-stdin -- postgres"
                + " stdin=POSTGRES_PASSWORD c2VjcmV0 home=/var/lib/postgresql",
            SETPRIV,
            "postgres  oom=/proc/self/oom_score_adj:500 home=/var/lib/postgresql",
            "exit=0");
  }

  @Test
  void leadingFlag_meansPostgres_andIsPassedThrough_nonRootGetsNoNewPrivsOnly() throws Exception {
    assertThat(run("999", "0", "-c", "shared_buffers=1GB"))
        .containsExactly(
            JAVA + " prepare -- postgres -c shared_buffers=1GB",
            "setpriv --no-new-privs",
            "postgres -c shared_buffers=1GB oom=/proc/self/oom_score_adj:500 home=/root",
            "exit=0");
  }

  @Test
  void otherCommand_runsAsGivenWithoutInit() throws Exception {
    assertThat(run("0", "0", "psql", "--version")).containsExactly("psql --version", "exit=0");
  }

  @Test
  void helpAndVersion_runAsGivenWithoutInit() throws Exception {
    assertThat(run("0", "0", "postgres", "--version"))
        .containsExactly("postgres --version oom=: home=/root", "exit=0");
    assertThat(run("0", "0", "--help"))
        .containsExactly("postgres --help oom=: home=/root", "exit=0");
    assertThat(run("0", "0", "postgres", "--describe-config")).hasSize(2);
  }

  @Test
  void printSetting_runsAsPostgresWithoutInit() throws Exception {
    assertThat(run("0", "0", "postgres", "-C", "shared_buffers"))
        .containsExactly(
            SETPRIV, "postgres -C shared_buffers oom=: home=/var/lib/postgresql", "exit=0");
  }

  @Test
  void failedPreparation_stopsWithItsExitCode_serverNeverStarts() throws Exception {
    assertThat(run("0", "3")).containsExactly(JAVA + " prepare-root -- postgres", "exit=3");
    assertThat(run("999", "3")).containsExactly(JAVA + " prepare -- postgres", "exit=3");
  }
}
