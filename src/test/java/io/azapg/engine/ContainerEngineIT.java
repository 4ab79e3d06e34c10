package io.azapg.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.base.BaseImage;
import io.azapg.process.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter against the real engine: a build that keeps its HEALTHCHECK, a container with an env
 * file, exec with stdin, logs, the health wait, volumes and networks; all removed afterwards.
 */
class ContainerEngineIT {
  private static final String BASE = BaseImage.reference(BaseImage.DEFAULT_SUITE);

  @TempDir Path context;

  private ContainerEngine engine;
  private String image;
  private String container;
  private String volume;
  private String network;

  @BeforeEach
  void setUp() {
    engine = ItEngine.require();
    assertThat(engine.imageExists(BASE))
        .as(BASE + " exists; create it with './aza-pg base'")
        .isTrue();
    image = "localhost/" + ItEngine.uniqueName("img") + ":test";
    container = ItEngine.uniqueName("ctr");
    volume = ItEngine.uniqueName("vol");
    network = ItEngine.uniqueName("net");
  }

  @AfterEach
  void tearDown() {
    engine.removeContainer(container, true, true);
    engine.removeVolume(volume, true);
    engine.removeNetwork(network, true);
    engine.removeImage(image, true);
  }

  /** Builds the test image from the base image with a healthcheck and a command. */
  private void buildImage(String healthcheck, String command) throws Exception {
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM "
            + BASE
            + "\n"
            + "HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD "
            + healthcheck
            + "\n"
            + "CMD [\"sh\", \"-c\", \""
            + command
            + "\"]\n");
    engine.build(BuildSpec.builder(context, image).label("io.azapg.test", "it").build());
  }

  @Test
  void buildRunExecAndWaitForHealthy() throws Exception {
    buildImage("test -f /tmp/ready", "echo started; exec sleep 300");

    ImageDetails details = engine.inspectImage(image).orElseThrow();
    assertThat(details.labels()).containsEntry("io.azapg.test", "it");
    assertThat(details.raw().toString())
        .as("HEALTHCHECK kept (docker format)")
        .contains("test -f /tmp/ready");

    engine.createVolume(volume, Map.of("io.azapg.test", "it"));
    engine.createNetwork(network, Map.of("io.azapg.test", "it"));
    String id =
        engine.run(
            RunSpec.builder(image)
                .name(container)
                .env("APP_TOKEN", "t0k3n-value")
                .env("PLAIN", "a value with spaces")
                .volume(volume, "/data")
                .network(network)
                .networkAlias("primary")
                .memoryBytes(256L << 20)
                .shmSizeBytes(64L << 20)
                .label("io.azapg.test", "it")
                .build());
    assertThat(id).isNotBlank();

    ProcessResult env = engine.exec(ExecSpec.of(container, "sh", "-c", "echo $APP_TOKEN/$PLAIN"));
    assertThat(env.stdout()).isEqualTo("t0k3n-value/a value with spaces\n");

    ProcessResult cat =
        engine.exec(
            ExecSpec.of(container, "sh", "-c", "cat > /data/in.txt && cat /data/in.txt")
                .withStdin("through stdin\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(cat.stdout()).isEqualTo("through stdin\n");

    assertThat(engine.inspectContainer(container).orElseThrow().health())
        .as("not healthy before /tmp/ready exists")
        .hasValueSatisfying(
            health -> assertThat(health).isIn(HealthStatus.STARTING, HealthStatus.UNHEALTHY));
    engine.exec(ExecSpec.of(container, "touch", "/tmp/ready"));
    ContainerState healthy = engine.waitForHealthy(container, Duration.ofSeconds(60));
    assertThat(healthy.health()).contains(HealthStatus.HEALTHY);
    assertThat(engine.logs(container, OptionalInt.of(5))).contains("started");

    engine.stop(container, Duration.ofSeconds(2));
    assertThat(engine.inspectContainer(container).orElseThrow())
        .satisfies(state -> assertThat(state.running()).as(state.toString()).isFalse());
    assertThat(engine.removeContainer(container, true, true)).isTrue();
    assertThat(engine.removeContainer(container, true, true)).isFalse();
  }

  @Test
  void waitForHealthy_containerThatExits_failsWithItsLogs() throws Exception {
    buildImage("false", "echo about to fail; sleep 2; exit 3");
    engine.run(RunSpec.builder(image).name(container).build());

    assertThatThrownBy(() -> engine.waitForHealthy(container, Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage()).contains("exit code 3").contains("about to fail");
            });
  }

  /**
   * Two independent stages that each take 8 s (long enough for the other to start on a busy host),
   * and a last stage that needs both.
   */
  private void writeTwoStages(String firstStageRun) throws Exception {
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM "
            + BASE
            + " AS one\n"
            + "RUN "
            + firstStageRun
            + "\n"
            + "FROM "
            + BASE
            + " AS two\n"
            + "RUN echo two-start && sleep 8 && echo two-end && echo two > /two\n"
            + "FROM "
            + BASE
            + "\n"
            + "COPY --from=one /one /one\n"
            + "COPY --from=two /two /two\n");
  }

  @Test
  void build_withJobs_buildsIndependentStagesAtOnce_andAFailureNamesTheFailedStep()
      throws Exception {
    writeTwoStages("echo one-start && sleep 8 && echo one-end && echo one > /one");
    Path log = context.resolveSibling(context.getFileName() + "-jobs.log");
    // --no-cache: a cached stage runs nothing, so it would prove nothing
    engine.build(BuildSpec.builder(context, image).jobs(2).noCache(true).log(log).build());

    String output = Files.readString(log);
    int lastStart = Math.max(output.indexOf("\none-start"), output.indexOf("\ntwo-start"));
    int firstEnd = Math.min(output.indexOf("\none-end"), output.indexOf("\ntwo-end"));
    assertThat(output).contains("\none-start", "\ntwo-start", "\none-end", "\ntwo-end");
    assertThat(lastStart)
        .as("both stages started before either ended:%n%s", output)
        .isLessThan(firstEnd);
    assertThat(engine.imageExists(image)).isTrue();

    writeTwoStages("echo one-failing && exit 3");
    assertThatThrownBy(
            () -> engine.build(BuildSpec.builder(context, image).jobs(2).noCache(true).build()))
        .isInstanceOfSatisfying(
            BuildFailedException.class,
            e -> {
              assertThat(e.step()).endsWith("RUN echo one-failing && exit 3");
              assertThat(e.hints()).singleElement().asString().contains("--jobs 1");
            });
  }
}
