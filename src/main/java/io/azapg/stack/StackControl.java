package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ComposeClient;
import io.azapg.engine.ContainerEngine;
import io.azapg.generate.compose.StackKind;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** {@code aza-pg down --stack} and {@code aza-pg logs --stack}. */
public final class StackControl {
  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Reporter reporter;

  public StackControl(ContainerEngine engine, ProcessRunner runner, Reporter reporter) {
    this.engine = engine;
    this.runner = runner;
    this.reporter = reporter;
  }

  /**
   * Stops and removes the stack's containers and network. With {@code volumes}, its data volume and
   * its state directory (rendered files and passwords) go too: the data is gone for good.
   */
  public void down(StackSpec spec, boolean volumes) {
    ComposeClient compose = compose(spec);
    ProcessResult r = compose.down(volumes);
    if (!r.succeeded()) {
      String err = r.stderr().strip();
      throw new AzaPgException(
          ExitCode.ENGINE,
          "docker compose down of " + spec.project() + " failed: " + err,
          err.contains("active endpoints") || err.contains("in use")
              ? List.of(
                  "a replica stack is attached to its network: take it down first"
                      + " (aza-pg down --stack replica --name ...)")
              : List.of(
                  "run it again; 'aza-pg status --stack "
                      + spec.kind().id()
                      + "' shows what is left"));
    }
    reporter.info("removed the containers of " + spec.project());
    if (volumes) {
      if (engine.volumeExists(spec.dataVolume())) {
        engine.removeVolume(spec.dataVolume(), true);
      }
      if (engine.volumeExists(spec.repoVolume())) {
        engine.removeVolume(spec.repoVolume(), true);
        reporter.info("removed volume " + spec.repoVolume() + " (the physical backups are gone)");
      }
      deleteTree(spec.stateDir());
      reporter.info(
          "removed volume "
              + spec.dataVolume()
              + (spec.kind() == StackKind.REPLICA ? "" : " and the stack's passwords")
              + " (the data is gone)");
    }
  }

  /** The stack's log, or one service's. */
  public String logs(StackSpec spec, Optional<String> service, OptionalInt tail) {
    if (service.isPresent()
        && spec.startOrder().stream().flatMap(List::stream).noneMatch(service.get()::equals)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the " + spec.kind().id() + " stack has no service " + service.get(),
          List.of(
              "its services: "
                  + String.join(", ", spec.startOrder().stream().flatMap(List::stream).toList())));
    }
    return compose(spec).logs(service, tail);
  }

  private ComposeClient compose(StackSpec spec) {
    return new ComposeClient(engine, runner, spec.project(), Optional.of(spec.composeFile()));
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot remove " + dir + ": " + e.getMessage());
    }
  }
}
