package io.azapg.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.process.ProcessFailedException;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Invokes one engine client program: builds its process specs (engine exit code, install hints,
 * default timeout), runs them, parses JSON output and tells "not found" from real failures.
 */
final class EngineClient {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineKind kind;
  private final ProcessRunner runner;
  private final Map<String, String> env;

  EngineClient(EngineKind kind, ProcessRunner runner, Map<String, String> env) {
    this.kind = kind;
    this.runner = runner;
    this.env = Map.copyOf(env);
  }

  ProcessRunner runner() {
    return runner;
  }

  /** The environment every call of this client gets (e.g. DOCKER_HOST for the Podman socket). */
  Map<String, String> env() {
    return env;
  }

  /** A spec for {@code <engine> args...}; failures map to exit code 4. */
  ProcessSpec.Builder spec(List<String> args) {
    return ProcessSpec.of(kind.executable())
        .args(args)
        .env(env)
        .timeout(DEFAULT_TIMEOUT)
        .failureCode(ExitCode.ENGINE)
        .missingHints(EngineSelector.installHints());
  }

  /** Runs and throws on a non-zero exit. */
  ProcessResult run(List<String> args) {
    return runner.run(spec(args).build());
  }

  /** Runs and returns whatever the exit code. */
  ProcessResult execute(List<String> args) {
    return runner.execute(spec(args).build());
  }

  /** The failure of a call whose exit code was not one the caller expected. */
  ProcessFailedException failed(List<String> args, ProcessResult result) {
    return new ProcessFailedException(
        ExitCode.ENGINE, result, runner.failureTail(spec(args).build(), result));
  }

  /** Runs and parses stdout as JSON. */
  JsonNode json(List<String> args) {
    return parse(run(args).stdout(), args);
  }

  /** The first object of an {@code inspect} array; empty when the object does not exist. */
  Optional<JsonNode> inspectFirst(List<String> args) {
    ProcessResult result = execute(args);
    if (result.exitCode() != 0) {
      if (isAbsent(result)) {
        return Optional.empty();
      }
      throw failed(args, result);
    }
    JsonNode array = parse(result.stdout(), args);
    return array.isArray() && array.size() > 0 ? Optional.of(array.get(0)) : Optional.empty();
  }

  /** Runs a removal; false when there was nothing to remove. */
  boolean removeIfPresent(List<String> args) {
    ProcessResult result = execute(args);
    if (result.succeeded()) {
      // Both engines print what they removed; with --force, podman 4 exits 0 for nothing.
      return !result.stdout().isBlank();
    }
    if (isAbsent(result)) {
      return false;
    }
    throw failed(args, result);
  }

  /** Whether a failed call failed only because the object does not exist. */
  private static boolean isAbsent(ProcessResult result) {
    String err = result.stderr().toLowerCase(Locale.ROOT);
    return err.contains("no such") || err.contains("not known") || err.contains("not found");
  }

  private JsonNode parse(String json, List<String> args) {
    try {
      return JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "'" + kind.executable() + " " + String.join(" ", args) + "' printed no valid JSON",
          List.of("run 'aza-pg engine doctor' to check the engine"),
          e);
    }
  }
}
