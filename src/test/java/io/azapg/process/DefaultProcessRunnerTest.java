package io.azapg.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultProcessRunnerTest {
  private final DefaultProcessRunner runner = new DefaultProcessRunner();

  @TempDir Path tmp;

  @Test
  void execute_keepsStdoutStderrAndExitCodeApart() {
    ProcessResult result =
        runner.execute(ProcessSpec.of("sh", "-c", "echo out; echo err >&2; exit 3").build());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(result.argv()).containsExactly("sh", "-c", "echo out; echo err >&2; exit 3");
    assertThat(result.duration()).isPositive();
  }

  @Test
  void execute_drainsOneMegabyteOnBothStreamsWithoutDeadlock() {
    // stderr is filled first: a runner that read stdout to the end before stderr would hang here.
    String script =
        "head -c 1048576 /dev/zero | tr '\\0' e >&2; head -c 1048576 /dev/zero | tr '\\0' o";
    ProcessResult result =
        runner.execute(ProcessSpec.of("sh", "-c", script).timeout(Duration.ofSeconds(30)).build());

    assertThat(result.succeeded()).isTrue();
    assertThat(result.stdout()).hasSize(1 << 20).matches("o+");
    assertThat(result.stderr()).hasSize(1 << 20).matches("e+");
  }

  @Test
  void execute_feedsStdinBytes() {
    byte[] input = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
    ProcessResult result = runner.execute(ProcessSpec.of("cat").stdin(input).build());

    assertThat(result.stdout()).hasSize(1 << 20);
  }

  @Test
  void execute_readsStdinFromAFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("in.txt"), "from a file\n");
    ProcessResult result =
        runner.execute(ProcessSpec.of("cat").input(ProcessInput.file(file)).build());

    assertThat(result.stdout()).isEqualTo("from a file\n");
  }

  @Test
  void execute_withoutInput_childSeesEndOfFile() {
    ProcessResult result =
        runner.execute(ProcessSpec.of("cat").timeout(Duration.ofSeconds(10)).build());

    assertThat(result.succeeded()).isTrue();
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void execute_addsEnvOnTopOfTheInheritedEnvironment() {
    Map<String, String> base = new HashMap<>(System.getenv());
    base.put("INHERITED", "kept");
    DefaultProcessRunner withBase = new DefaultProcessRunner(base, new Redactor());

    ProcessResult result =
        withBase.execute(
            ProcessSpec.of("sh", "-c", "echo \"$INHERITED:$ADDED\"").env("ADDED", "new").build());

    assertThat(result.stdout()).isEqualTo("kept:new\n");
  }

  @Test
  void execute_runsInTheWorkingDirectory() throws Exception {
    ProcessResult result = runner.execute(ProcessSpec.of("pwd").workingDirectory(tmp).build());

    assertThat(Path.of(result.stdout().trim())).isEqualTo(tmp.toRealPath());
  }

  @Test
  void execute_mergeStderr_keepsTheChildsOrder() {
    ProcessResult result =
        runner.execute(
            ProcessSpec.of("sh", "-c", "echo 1; echo 2 >&2; echo 3").mergeStderr(true).build());

    assertThat(result.stdout()).isEqualTo("1\n2\n3\n");
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void execute_streamsLinesToTheListener() {
    List<String> lines = new ArrayList<>();
    runner.execute(
        ProcessSpec.of("sh", "-c", "printf 'a\\nb\\r\\n'; echo c >&2; printf tail")
            .listener((channel, line) -> lines.add(channel + ":" + line))
            .build());

    assertThat(lines).containsExactlyInAnyOrder("STDOUT:a", "STDOUT:b", "STDERR:c", "STDOUT:tail");
    assertThat(lines.stream().filter(l -> l.startsWith("STDOUT")))
        .containsExactly("STDOUT:a", "STDOUT:b", "STDOUT:tail");
  }

  @Test
  void run_nonZeroExit_throwsWithCommandExitCodeAndLastTwentyStderrLines() {
    ProcessSpec spec =
        ProcessSpec.of("sh", "-c", "for i in $(seq 1 30); do echo line$i >&2; done; exit 7")
            .failureCode(ExitCode.ENGINE)
            .build();

    assertThatThrownBy(() -> runner.run(spec))
        .isInstanceOfSatisfying(
            ProcessFailedException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.processExitCode()).isEqualTo(7);
              assertThat(e.getMessage())
                  .startsWith("'sh -c for i in")
                  .contains("failed with exit code 7")
                  .contains("line11", "line30")
                  .doesNotContain("line10\n");
              assertThat(e.getMessage().lines().filter(l -> l.startsWith("    line"))).hasSize(20);
            });
  }

  @Test
  void run_failure_redactsSecretsFromEnvArgsAndOutput() {
    ProcessSpec spec =
        ProcessSpec.of(
                "sh",
                "-c",
                "echo \"login with $DB_PASSWORD failed\" >&2; exit 1",
                "API_TOKEN=t0k3n")
            .env("DB_PASSWORD", "hunter2")
            .build();

    assertThatThrownBy(() -> runner.run(spec))
        .hasMessageContaining("login with *** failed")
        .hasMessageContaining("API_TOKEN=***")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("t0k3n");
  }

  @Test
  void execute_timeout_destroysTheWholeTreeAndThrows() {
    // The background sleep keeps stdout open: only killing the tree lets the pumps finish.
    ProcessSpec spec =
        ProcessSpec.of("sh", "-c", "echo started; sleep 30 & wait")
            .timeout(Duration.ofMillis(500))
            .build();
    long start = System.nanoTime();

    assertThatThrownBy(() -> runner.execute(spec))
        .isInstanceOfSatisfying(
            ProcessTimeoutException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.TIMEOUT);
              assertThat(e.getMessage()).contains("did not finish within").contains("started");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void execute_timeout_killsAChildThatIgnoresSigterm() {
    ProcessSpec spec =
        ProcessSpec.of("sh", "-c", "trap '' TERM; while :; do sleep 0.1; done")
            .timeout(Duration.ofMillis(300))
            .build();
    long start = System.nanoTime();

    assertThatThrownBy(() -> runner.execute(spec)).isInstanceOf(ProcessTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
  }

  @Test
  void execute_missingProgram_namesItAndItsFix() {
    ProcessSpec spec =
        ProcessSpec.of("aza-pg-no-such-program", "x")
            .failureCode(ExitCode.ENGINE)
            .missingHints(List.of("install it"))
            .build();

    assertThatThrownBy(() -> runner.execute(spec))
        .isInstanceOfSatisfying(
            ExecutableNotFoundException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("aza-pg-no-such-program not found on PATH");
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.hints()).containsExactly("install it");
            });
  }

  @Test
  void execute_findsProgramsOnTheRunnersPathNotTheJvms() throws Exception {
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    Path tool = bin.resolve("aza-pg-test-tool");
    Files.writeString(tool, "#!/bin/sh\necho fake \"$@\"\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    DefaultProcessRunner withPath = new DefaultProcessRunner(env, new Redactor());

    ProcessResult result = withPath.execute(ProcessSpec.of("aza-pg-test-tool", "hi").build());

    assertThat(result.stdout()).isEqualTo("fake hi\n");
    assertThat(result.argv()).containsExactly("aza-pg-test-tool", "hi");
    assertThat(withPath.findExecutable("aza-pg-test-tool")).contains(tool);
    assertThat(runner.findExecutable("aza-pg-test-tool")).isEmpty();
  }

  @Test
  void startDetached_runsInItsOwnSessionAndLogsToAFile() throws Exception {
    Path log = tmp.resolve("logs/daemon.log");
    PidFile pidFile = new PidFile(tmp.resolve("daemon.pid"));
    long pid =
        runner.startDetached(
            ProcessSpec.of("sh", "-c", "echo started in $(pwd); exec sleep 30").build(), log);
    pidFile.write(pid);
    try {
      waitFor(() -> read(log).contains("started"));
      // in "/", never the caller's directory, which may be deleted while the daemon runs
      assertThat(read(log)).contains("started in /\n");
      assertThat(Path.of("/proc", Long.toString(pid), "cwd").toRealPath()).isEqualTo(Path.of("/"));
      assertThat(pidFile.liveProcess("sleep 30")).isPresent();
      assertThat(pidFile.liveProcess("something else")).isEmpty();
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      assertThat(fields[3]).as("session id").isEqualTo(Long.toString(pid));
    } finally {
      assertThat(pidFile.stop("sleep 30", Duration.ofSeconds(5))).isTrue();
    }
    waitFor(() -> pidFile.liveProcess("sleep 30").isEmpty());
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
