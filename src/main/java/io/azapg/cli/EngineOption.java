package io.azapg.cli;

import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.EngineSelector;
import io.azapg.process.ProcessRunner;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --engine} option shared by every command that drives containers. */
final class EngineOption {
  @Option(
      names = "--engine",
      paramLabel = "podman|docker",
      description =
          "Container engine to use (default: $"
              + EngineSelector.ENV_VARIABLE
              + ", else the first that answers, podman before docker).")
  String engine;

  /** The selected engine; fails with exit code 4 and instructions when there is none. */
  ContainerEngine select(ProcessRunner runner, Reporter reporter) {
    return new EngineSelector(runner, System.getenv(), reporter)
        .select(Optional.ofNullable(engine));
  }
}
