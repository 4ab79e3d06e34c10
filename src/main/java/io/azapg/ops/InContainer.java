package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ExecSpec;
import io.azapg.process.LineListener;
import io.azapg.process.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The PostgreSQL client programs of the image, run as {@code postgres} inside a target. */
final class InContainer {
  static final Duration LONG = Duration.ofHours(24);
  private final ContainerEngine engine;
  private final Target target;

  InContainer(ContainerEngine engine, Target target) {
    this.engine = engine;
    this.target = target;
  }

  Target target() {
    return target;
  }

  /**
   * Fails unless the container runs and {@code SELECT 1} succeeds in {@code database} (exit code 4
   * for the container, 5 for the server).
   */
  void requireAnswers(String database) {
    if (engine.inspectContainer(target.container()).filter(s -> s.running()).isEmpty()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          target.description()
              + " is not running (no running container "
              + target.container()
              + ")",
          List.of("start it with './aza-pg up' (or 'up --stack ...') and try again"));
    }
    ProcessResult r = psql(database, "SELECT 1", Duration.ofSeconds(30));
    if (!r.succeeded() || !r.stdout().strip().equals("1")) {
      throw new AzaPgException(
          ExitCode.DATABASE,
          "database \""
              + database
              + "\" of "
              + target.description()
              + " does not answer: "
              + lastLines(r.stderr()),
          List.of(target.unansweredFix()));
    }
  }

  /** psql -X -A -t with ON_ERROR_STOP, one command, output in memory (small results only). */
  ProcessResult psql(String database, String sql, Duration timeout) {
    return engine.exec(
        spec(List.of(
                "psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql))
            .withTimeout(timeout));
  }

  /**
   * A command whose output is small, run as {@code postgres}; its lines go to {@code listener} (if
   * any) while it runs.
   */
  ProcessResult run(List<String> command, @Nullable LineListener listener) {
    ExecSpec spec = spec(command).withTimeout(LONG);
    return listener == null ? engine.exec(spec) : engine.exec(spec, listener);
  }

  /** A command streamed from and to files (see {@link ContainerEngine#execStreaming}). */
  ProcessResult stream(List<String> command, Optional<Path> stdin, Optional<Path> stdout) {
    return engine.execStreaming(spec(command).withTimeout(LONG), stdin, stdout);
  }

  private ExecSpec spec(List<String> command) {
    return new ExecSpec(
        target.container(),
        new ArrayList<>(command),
        Optional.empty(),
        Optional.of("postgres"),
        Optional.empty(),
        Map.of(),
        LONG);
  }

  /** The last few non-blank lines of a program's stderr, joined for one message. */
  static String lastLines(String stderr) {
    List<String> tail = ProcessResult.tail(stderr, 5);
    return tail.isEmpty() ? "(no message)" : String.join(" | ", tail);
  }
}
