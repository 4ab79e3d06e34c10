package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the built aza-pg jar as a separate process, the way a user runs it. */
public final class AzaPg {
  public static final ProcessRunner RUNNER = new DefaultProcessRunner();

  private AzaPg() {}

  /** The shaded jar Failsafe was given. */
  public static Path jar() {
    Path jar = Path.of(System.getProperty("azapg.jar", "target/aza-pg.jar"));
    assertThat(jar)
        .as("the jar must be built before the integration tests (mvn verify does)")
        .exists();
    return jar;
  }

  /** The project root. */
  public static Path projectDir() {
    return Path.of(System.getProperty("azapg.projectDir", ".")).toAbsolutePath();
  }

  public static ProcessResult run(Duration timeout, String... args) {
    return run(timeout, Map.of(), args);
  }

  public static ProcessResult run(Duration timeout, Map<String, String> env, String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> argv = new ArrayList<>(List.of(java, "-jar", jar().toString()));
    argv.addAll(List.of(args));
    java.util.Map<String, String> all = new java.util.HashMap<>(env);
    all.putIfAbsent("AZA_PG_HOME", projectDir().toString());
    defaultGitMirror().ifPresent(m -> all.putIfAbsent("AZA_PG_GIT_MIRROR", m.toString()));
    return RUNNER.execute(ProcessSpec.of(argv).env(all).timeout(timeout).build());
  }

  /**
   * The git mirror to hand to a child that builds the image when the environment names none: {@code
   * ../shared/sources/git} beside the project when it exists (as on the build machines and in CI).
   * Empty when {@code $AZA_PG_GIT_MIRROR} is set (the child inherits it) or no mirror is there (the
   * child clones from upstream).
   */
  public static java.util.Optional<Path> defaultGitMirror() {
    String env = System.getenv("AZA_PG_GIT_MIRROR");
    if (env != null && !env.isBlank()) {
      return java.util.Optional.empty();
    }
    Path beside = projectDir().resolve("../shared/sources/git").normalize();
    return java.nio.file.Files.isDirectory(beside)
        ? java.util.Optional.of(beside)
        : java.util.Optional.empty();
  }

  /** Runs a program (podman, git, ...) and returns its result whatever the exit code. */
  public static ProcessResult exec(Duration timeout, String... argv) {
    return RUNNER.execute(ProcessSpec.of(List.of(argv)).timeout(timeout).build());
  }

  public static String engine() {
    return RUNNER.findExecutable("podman").isPresent() ? "podman" : "docker";
  }
}
