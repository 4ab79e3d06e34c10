package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.HostFacts;
import io.azapg.engine.base.BaseImage;
import io.azapg.engine.base.BootstrapSource;
import io.azapg.engine.setup.EngineSetup;
import io.azapg.process.ProcessRunner;
import java.util.Optional;

/**
 * Selects the container engine for commands that must work on a fresh machine ({@code up}): when
 * none answers, installs and configures one with {@code engine setup} (Debian, root), saying so.
 */
final class EngineSetupOnDemand {
  private EngineSetupOnDemand() {}

  static ContainerEngine select(EngineOption option, ProcessRunner runner, Console console) {
    try {
      return option.select(runner, console.reporter());
    } catch (AzaPgException e) {
      if (e.exitCode() != ExitCode.ENGINE) {
        throw e;
      }
      console
          .reporter()
          .info(
              "no container engine answers ("
                  + e.getMessage()
                  + "); running 'aza-pg engine setup'");
      String suite = BaseImage.DEFAULT_SUITE;
      EngineSetup.forHost(
              runner,
              HostFacts.probe(),
              BootstrapSource.of(Optional.empty())
                  .withSnapshot(Project.lockMarking(suite, console.reporter())),
              console.reporter())
          .run(console.reporter());
      return option.select(runner, console.reporter());
    }
  }
}
