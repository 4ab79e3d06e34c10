package io.azapg.cli;

import io.azapg.engine.ContainerEngine;
import io.azapg.engine.EngineSelector;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --engine} option shared by every command that talks to a container engine. */
final class EngineOption {
  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description = "podman, docker or auto (default: $AZA_PG_ENGINE, else auto-detect).")
  String engine;

  private ProcessRunner runner;

  /** The process runner the engine and the rest of the command share. */
  ProcessRunner runner() {
    if (runner == null) {
      runner = new DefaultProcessRunner();
    }
    return runner;
  }

  /** The selected engine; fails with install instructions (exit 4) when there is none. */
  ContainerEngine select(Console console) {
    return new EngineSelector(runner(), System.getenv(), console.reporter())
        .select(Optional.ofNullable(engine));
  }
}
