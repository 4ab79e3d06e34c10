package io.azapg.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.process.ExecutableNotFoundException;
import io.azapg.process.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliContainerEngineTest {
  @TempDir Path tmp;

  private FakeEngine fake;
  private RecordingReporter reporter;
  private CliContainerEngine podman;

  @BeforeEach
  void setUp() {
    fake = new FakeEngine(tmp, "podman", "docker");
    reporter = new RecordingReporter();
    podman = fake.engine(EngineKind.PODMAN, reporter);
  }

  @Test
  void imagesLabelled_listsEachImageOnce_byLabelFilter() {
    fake.respond("images", "31ef1a1615c2\n31ef1a1615c2\n\n7c947f8063c8\n");

    assertThat(podman.imagesLabelled("io.aza-pg.build.inputs", "sha256:ab"))
        .containsExactly("31ef1a1615c2", "7c947f8063c8");
    assertThat(fake.lastCall())
        .containsExactly("images", "--quiet", "--filter", "label=io.aza-pg.build.inputs=sha256:ab");
  }

  @Test
  void build_podman_usesDockerFormatAndAllOptionsAndStreamsSteps() {
    fake.respond(
        "build", "STEP 1/2: FROM localhost/aza-pg-base:forky\napt output\nSTEP 2/2: RUN x\n");
    Path context = Path.of("/ctx");

    podman.build(
        BuildSpec.builder(context, "localhost/aza-pg:dev")
            .tag("localhost/aza-pg:18")
            .dockerfile(context.resolve("Dockerfile"))
            .buildArg("PG_MAJOR", "18")
            .label("org.opencontainers.image.version", "0.1.0")
            .target("final")
            .hostNetwork(true)
            .noCache(true)
            .build());

    assertThat(fake.lastCall())
        .containsExactly(
            "build",
            "--format",
            "docker",
            "--file",
            "/ctx/Dockerfile",
            "--tag",
            "localhost/aza-pg:dev",
            "--tag",
            "localhost/aza-pg:18",
            "--build-arg",
            "PG_MAJOR=18",
            "--label",
            "org.opencontainers.image.version=0.1.0",
            "--target",
            "final",
            "--network",
            "host",
            "--no-cache",
            "/ctx");
    assertThat(reporter.messages())
        .contains(
            "info: STEP 1/2: FROM localhost/aza-pg-base:forky",
            "debug:   apt output",
            "info: STEP 2/2: RUN x");
  }

  @Test
  void build_docker_hasNoFormatFlag() {
    fake.engine(EngineKind.DOCKER, Reporter.silent())
        .build(BuildSpec.builder(Path.of("/c"), "t").build());

    assertThat(fake.lastCall()).containsExactly("build", "--tag", "t", "/c");
  }

  @Test
  void build_jobs_podmanBuildsStagesAtOnce() {
    podman.build(BuildSpec.builder(Path.of("/c"), "t").jobs(3).build());

    assertThat(fake.lastCall())
        .containsExactly("build", "--format", "docker", "--tag", "t", "--jobs", "3", "/c");
  }

  @Test
  void build_jobs_refusedForDockersLegacyBuilder_andBelowOne() {
    assertThatThrownBy(
            () ->
                fake.engine(EngineKind.DOCKER, Reporter.silent())
                    .build(BuildSpec.builder(Path.of("/c"), "t").jobs(2).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--jobs 2 needs podman");
    assertThatThrownBy(() -> BuildSpec.builder(Path.of("/c"), "t").jobs(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void build_failure_withJobs_namesTheStepTheEngineNamed_andSaysTheLinesAreMixed() {
    fake.respond(
        "build",
        2,
        "[1/2] STEP 2/2: RUN make\n[2/2] STEP 3/5: RUN apt-get install x\nmake: *** Error 2\n",
        "Error: building at STEP \"RUN make\": exit status 2\n");

    assertThatThrownBy(() -> podman.build(BuildSpec.builder(Path.of("/c"), "t").jobs(2).build()))
        .isInstanceOfSatisfying(
            BuildFailedException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "the image build failed in STEP RUN make (podman build exited with 2)");
              assertThat(e.details())
                  .startsWith("aza-pg: the build's last lines (its stages ran at once):")
                  .contains("    make: *** Error 2");
              assertThat(e.hints()).singleElement().asString().contains("--jobs 1");
            });
  }

  @Test
  void build_failure_showsTheFailedStepsWholeOutputAndKeepsTheLog() throws Exception {
    fake.respond(
        "build",
        125,
        "STEP 1/2: FROM base\nSTEP 2/2: RUN apt-get install nope\nReading package lists...\n"
            + "E: Unable to locate package nope\n",
        "Error: building at STEP \"RUN apt-get install nope\": exit status 100\n");
    Path log = tmp.resolve("logs/build.log");

    assertThatThrownBy(() -> podman.build(BuildSpec.builder(Path.of("/c"), "t").log(log).build()))
        .isInstanceOfSatisfying(
            BuildFailedException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "the image build failed in STEP 2/2: RUN apt-get install nope (podman build"
                          + " exited with 125); the whole build output is in "
                          + log);
              assertThat(e.stepOutput())
                  .contains("Reading package lists...", "E: Unable to locate package nope");
              assertThat(e.details())
                  .startsWith("aza-pg: the output of STEP 2/2: RUN apt-get install nope:")
                  .contains("    E: Unable to locate package nope");
            });
    assertThat(Files.readAllLines(log)).contains("STEP 1/2: FROM base", "Reading package lists...");
    assertThat(Files.getPosixFilePermissions(log))
        .containsExactlyInAnyOrderElementsOf(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void run_passesEnvInA0600FileNeverOnTheCommandLine() {
    fake.respond("run", "0123abcd\n");

    String id =
        podman.run(
            RunSpec.builder("localhost/aza-pg:dev")
                .name("pg-test")
                .env("POSTGRES_PASSWORD", "s3cr3t-value")
                .env("POSTGRES_DB", "app")
                .publish(PortMapping.loopback(15432, 5432))
                .publish(new PortMapping(java.util.Optional.empty(), 0, 9187, "tcp"))
                .volume("pgdata", "/var/lib/postgresql")
                .volume(new VolumeMount("/etc/secrets", "/run/secrets", true))
                .memoryBytes(512L << 20)
                .cpus(1.5)
                .shmSizeBytes(256L << 20)
                .user("postgres")
                .label("io.azapg.test", "yes")
                .network("pgnet")
                .networkAlias("primary")
                .command("postgres", "-c", "fsync=off")
                .build());

    assertThat(id).isEqualTo("0123abcd");
    List<String> argv = fake.lastCall();
    String envFile = argv.get(argv.indexOf("--env-file") + 1);
    assertThat(argv)
        .containsExactly(
            "run",
            "--detach",
            "--name",
            "pg-test",
            "--env-file",
            envFile,
            "--label",
            "io.azapg.test=yes",
            "--network",
            "pgnet",
            "--network-alias",
            "primary",
            "--publish",
            "127.0.0.1:15432:5432",
            "--publish",
            "9187",
            "--volume",
            "pgdata:/var/lib/postgresql",
            "--volume",
            "/etc/secrets:/run/secrets:ro",
            "--memory",
            "512m",
            "--cpus",
            "1.5",
            "--shm-size",
            "256m",
            "--user",
            "postgres",
            "localhost/aza-pg:dev",
            "postgres",
            "-c",
            "fsync=off");
    assertThat(String.join(" ", argv)).doesNotContain("s3cr3t-value");
    assertThat(fake.envOf(1)).doesNotContain("s3cr3t-value");
    assertThat(fake.envFileOf(1)).isEqualTo("POSTGRES_PASSWORD=s3cr3t-value\nPOSTGRES_DB=app\n");
    assertThat(fake.envFileModeOf(1)).isEqualTo("600");
    assertThat(Path.of(envFile)).doesNotExist();
    assertThat(Path.of(envFile).getParent()).doesNotExist();
  }

  @Test
  void run_failure_redactsTheSecretFromTheMessage() {
    fake.respond("run", 125, "", "Error: value s3cr3t-value rejected\n");

    assertThatThrownBy(
            () -> podman.run(RunSpec.builder("img").env("APP_TOKEN", "s3cr3t-value").build()))
        .hasMessageContaining("Error: value *** rejected")
        .hasMessageNotContaining("s3cr3t-value");
  }

  @Test
  void run_multiLineEnvValue_isRejectedWithAFix() {
    assertThatThrownBy(() -> podman.run(RunSpec.builder("img").env("CERT", "a\nb").build()))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.hints()).anyMatch(h -> h.contains("CERT_FILE"));
            });
  }

  @Test
  void runAttached_returnsOutputWhateverTheExitCode() {
    fake.respond("run", 3, "PRETTY_NAME=forky\n", "");

    ProcessResult result =
        podman.runAttached(
            RunSpec.builder("localhost/aza-pg-base:forky")
                .name("t1")
                .removeWhenDone(true)
                .command("cat", "/etc/os-release")
                .build(),
            Duration.ofSeconds(30));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).contains("forky");
    assertThat(fake.lastCall())
        .containsExactly(
            "run", "--rm", "--name", "t1", "localhost/aza-pg-base:forky", "cat", "/etc/os-release");
  }

  @Test
  void runAttached_withDocker_runsKeptAndRemovesAfter_soTheExitCodeIsNotLost() {
    // The docker CLI on Podman 4.3's API answers 0 for a failed 'run --rm'.
    fake.respond("run", 3, "", "boom");
    CliContainerEngine docker = fake.engine(EngineKind.DOCKER, Reporter.silent());

    ProcessResult result =
        docker.runAttached(
            RunSpec.builder("img").name("t2").removeWhenDone(true).command("false").build(),
            Duration.ofSeconds(30));

    assertThat(result.exitCode()).isEqualTo(3);
    List<List<String>> calls = fake.calls();
    assertThat(calls.get(calls.size() - 2))
        .containsExactly("run", "--name", "t2", "img", "false")
        .doesNotContain("--rm");
    assertThat(fake.lastCall()).startsWith("rm").contains("t2");
  }

  @Test
  void exec_feedsStdinAndPassesUserWorkdirAndEnvFile() {
    fake.respond("exec", "1\n");

    ProcessResult result =
        podman.exec(
            ExecSpec.of("pg", "psql", "-f", "-")
                .withStdin("select 1;".getBytes(StandardCharsets.UTF_8))
                .withUser("postgres")
                .withWorkdir("/tmp")
                .withEnv(Map.of("PGPASSWORD", "pw")));

    assertThat(result.stdout()).isEqualTo("1\n");
    List<String> argv = fake.lastCall();
    assertThat(argv)
        .containsExactly(
            "exec",
            "--interactive",
            "--user",
            "postgres",
            "--workdir",
            "/tmp",
            "--env-file",
            argv.get(7),
            "pg",
            "psql",
            "-f",
            "-");
    assertThat(fake.stdinOf(1)).isEqualTo("select 1;");
    assertThat(fake.envFileOf(1)).isEqualTo("PGPASSWORD=pw\n");
  }

  @Test
  void imageExists_podman_usesImageExistsExitCodes() {
    fake.respond("image_exists", 0, "", "").respond("image_exists", 1, "", "");
    fake.respond("image_exists", 125, "", "Error: storage is corrupt\n");

    assertThat(podman.imageExists("a")).isTrue();
    assertThat(podman.imageExists("b")).isFalse();
    assertThatThrownBy(() -> podman.imageExists("c"))
        .hasMessageContaining("storage is corrupt")
        .isInstanceOfSatisfying(
            AzaPgException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE));
    assertThat(fake.call(1)).containsExactly("image", "exists", "a");
  }

  @Test
  void imageExists_docker_inspectsAndTreatsNoSuchImageAsAbsent() {
    fake.respond("image_inspect", 1, "[]\n", "Error response from daemon: No such image: x\n");

    assertThat(fake.engine(EngineKind.DOCKER, Reporter.silent()).imageExists("x")).isFalse();
    assertThat(fake.lastCall()).containsExactly("image", "inspect", "x");
  }

  @Test
  void inspectImage_readsIdTagsAndLabels() {
    fake.respond(
        "image_inspect",
        "[{\"Id\":\"abc\",\"RepoTags\":[\"localhost/aza-pg-base:forky\"],\"Size\":123,"
            + "\"Config\":{\"Labels\":{\"io.azapg.base.suite\":\"forky\"}}}]");

    ImageDetails image = podman.inspectImage("localhost/aza-pg-base:forky").orElseThrow();

    assertThat(image.id()).isEqualTo("abc");
    assertThat(image.tags()).containsExactly("localhost/aza-pg-base:forky");
    assertThat(image.labels()).containsEntry("io.azapg.base.suite", "forky");
    assertThat(image.sizeBytes()).isEqualTo(123);
  }

  @Test
  void inspectContainer_readsStateAndHealth_andEmptyWhenMissing() {
    fake.respond(
        "container_inspect",
        "[{\"Id\":\"c1\",\"Name\":\"/pg\",\"State\":{\"Status\":\"running\",\"Running\":true,"
            + "\"ExitCode\":0,\"OOMKilled\":false,\"Health\":{\"Status\":\"starting\","
            + "\"Log\":[{\"Output\":\"no response\\n\"}]}}}]");
    fake.respond("container_inspect", 125, "[]", "Error: no such container nope\n");

    ContainerState state = podman.inspectContainer("pg").orElseThrow();

    assertThat(state.name()).isEqualTo("pg");
    assertThat(state.running()).isTrue();
    assertThat(state.health()).contains(HealthStatus.STARTING);
    assertThat(state.lastHealthOutput()).contains("no response");
    assertThat(podman.inspectContainer("nope")).isEmpty();
  }

  @Test
  void removeContainer_forceWithVolumes_andFalseWhenAbsent() {
    fake.respond("rm", 0, "pg\n", "")
        .respond(
            "rm", 1, "", "Error: no container with name or ID \"pg\" found: no such container\n");

    assertThat(podman.removeContainer("pg", true, true)).isTrue();
    assertThat(podman.removeContainer("pg", true, true)).isFalse();
    assertThat(fake.call(1)).containsExactly("rm", "--force", "--volumes", "pg");
  }

  @Test
  void remove_forcedButNothingRemoved_isFalse() {
    fake.respond("volume_rm", 0, "", "");

    assertThat(podman.removeVolume("gone", true)).isFalse();
  }

  @Test
  void smallOperations_haveExactArgv() {
    podman.tag("a", "b");
    podman.removeImage("b", true);
    podman.importImage(
        Path.of("/tmp/rootfs.tar"), List.of("ENV LANG=C.UTF-8", "CMD [\"bash\"]"), "localhost/x:1");
    podman.saveImage("localhost/x:1", Path.of("/tmp/x.tar"));
    podman.stop("pg", Duration.ofSeconds(10));
    podman.logs("pg", OptionalInt.of(20));
    podman.createVolume("v1", Map.of("io.azapg.test", "1"));
    podman.removeVolume("v1", true);
    podman.createNetwork("n1", Map.of());
    podman.removeNetwork("n1", false);
    podman.pull("docker.io/library/debian:forky-slim", Duration.ofSeconds(20));

    assertThat(fake.calls())
        .containsExactly(
            List.of("tag", "a", "b"),
            List.of("rmi", "--force", "b"),
            List.of(
                "import",
                "--change",
                "ENV LANG=C.UTF-8",
                "--change",
                "CMD [\"bash\"]",
                "/tmp/rootfs.tar",
                "localhost/x:1"),
            List.of(
                "save", "--format", "docker-archive", "--output", "/tmp/x.tar", "localhost/x:1"),
            List.of("stop", "-t", "10", "pg"),
            List.of("logs", "--tail", "20", "pg"),
            List.of("volume", "create", "--label", "io.azapg.test=1", "v1"),
            List.of("volume", "rm", "--force", "v1"),
            List.of("network", "create", "n1"),
            List.of("network", "rm", "n1"),
            List.of("pull", "docker.io/library/debian:forky-slim"));
  }

  @Test
  void info_parsesPodmanAndDockerShapes() {
    fake.respond(
        "info",
        "{\"host\":{\"ociRuntime\":{\"name\":\"runc\"},\"cgroupManager\":\"cgroupfs\","
            + "\"eventLogger\":\"file\"},\"version\":{\"Version\":\"4.3.1\"}}");
    EngineInfo info = podman.info();
    assertThat(info)
        .isEqualTo(new EngineInfo(EngineKind.PODMAN, "4.3.1", "runc", "cgroupfs", "file"));
    assertThat(fake.lastCall()).containsExactly("info", "--format", "json");

    FakeEngine docker = new FakeEngine(tmp.resolve("d"), "docker");
    docker.respond(
        "info",
        "{\"ServerVersion\":\"28.5\",\"DefaultRuntime\":\"runc\",\"CgroupDriver\":\"systemd\"}");
    assertThat(docker.engine(EngineKind.DOCKER, Reporter.silent()).info())
        .isEqualTo(new EngineInfo(EngineKind.DOCKER, "28.5", "runc", "systemd", ""));
    assertThat(docker.lastCall()).containsExactly("info", "--format", "{{json .}}");
  }

  @Test
  void runHealthcheck_podmanRunsIt_dockerDoesNothing() {
    fake.respond("healthcheck_run", 0, "", "");
    fake.respond(
        "container_inspect",
        "[{\"State\":{\"Running\":true,\"Health\":{\"Status\":\"healthy\"}}}]");

    assertThat(podman.runHealthcheck("pg")).contains(HealthStatus.HEALTHY);
    assertThat(fake.call(1)).containsExactly("healthcheck", "run", "pg");
    assertThat(fake.engine(EngineKind.DOCKER, Reporter.silent()).runHealthcheck("pg")).isEmpty();
    assertThat(fake.calls()).hasSize(2);
  }

  @Test
  void waitForHealthy_drivesPodmanHealthchecksUntilHealthy() {
    String starting = "[{\"State\":{\"Running\":true,\"Health\":{\"Status\":\"starting\"}}}]";
    fake.respond("container_inspect", starting).respond("container_inspect", starting);
    fake.respond(
        "container_inspect",
        "[{\"State\":{\"Running\":true,\"Health\":{\"Status\":\"healthy\"}}}]");

    ContainerState state = podman.waitForHealthy("pg", Duration.ofSeconds(20));

    assertThat(state.health()).contains(HealthStatus.HEALTHY);
    assertThat(fake.calls()).contains(List.of("healthcheck", "run", "pg"));
  }

  @Test
  void waitForHealthy_containerStopped_failsAtOnceWithItsLogs() {
    fake.respond(
        "container_inspect",
        "[{\"State\":{\"Running\":false,\"Status\":\"exited\",\"ExitCode\":1,\"OOMKilled\":true}}]");
    fake.respond(
        "logs", "FATAL: could not map anonymous shared memory\nPOSTGRES_PASSWORD=hunter2\n");

    assertThatThrownBy(() -> podman.waitForHealthy("pg", Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage())
                  .contains("pg stopped with exit code 1 (killed by the kernel's OOM killer)")
                  .contains("FATAL: could not map anonymous shared memory")
                  .contains("POSTGRES_PASSWORD=***")
                  .doesNotContain("hunter2");
            });
  }

  @Test
  void waitForHealthy_timeout_isExitCodeSixWithTheLastCheckOutput() {
    fake.respond(
        "container_inspect",
        "[{\"State\":{\"Running\":true,\"Health\":{\"Status\":\"unhealthy\",\"Log\":[{\"Output\":\"no response\"}]}}}]");
    fake.respond("healthcheck_run", 1, "unhealthy\n", "");

    assertThatThrownBy(() -> podman.waitForHealthy("pg", Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.TIMEOUT);
              assertThat(e.getMessage())
                  .contains("pg is still unhealthy after 1 s")
                  .contains("no response");
            });
  }

  @Test
  void missingEngine_isEngineErrorWithInstructions() throws Exception {
    Files.delete(tmp.resolve("bin/podman"));
    CliContainerEngine engine =
        new CliContainerEngine(EngineKind.PODMAN, emptyPathRunner(), Reporter.silent());

    assertThatThrownBy(() -> engine.imageExists("x"))
        .isInstanceOfSatisfying(
            ExecutableNotFoundException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage()).startsWith("podman not found on PATH");
              assertThat(e.hints()).anyMatch(h -> h.contains("aza-pg engine setup"));
            });
  }

  private io.azapg.process.DefaultProcessRunner emptyPathRunner() {
    return new io.azapg.process.DefaultProcessRunner(
        Map.of("PATH", tmp.resolve("bin").toString()), new io.azapg.process.Redactor());
  }
}
