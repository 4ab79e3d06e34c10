package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ComposeClient;
import io.azapg.engine.ComposeContainer;
import io.azapg.engine.ContainerEngine;
import io.azapg.generate.compose.PgBackRestConf;
import io.azapg.generate.compose.StackKind;
import io.azapg.generate.compose.StackOption;
import io.azapg.generate.compose.StackOptions;
import io.azapg.ops.ClientContainer;
import io.azapg.ops.PgBackRest;
import io.azapg.ops.Target;
import io.azapg.process.ProcessRunner;
import io.azapg.stack.NodeRecord;
import io.azapg.stack.SingleNode;
import io.azapg.stack.StackSpec;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** The node ({@code --name}) or stack ({@code --stack S [--name P]}) an ops command acts on. */
final class OpsTarget {
  private OpsTarget() {}

  static Target resolve(
      ContainerEngine engine,
      ProcessRunner runner,
      NodeOptions node,
      StackSelection stack,
      CommandSpec command) {
    Optional<StackKind> kind = stack.kind();
    if (kind.isEmpty()) {
      String db = SingleNode.recorded(node.byName()).map(NodeRecord::database).orElse("postgres");
      return new Target(node.name, db, "node " + node.name);
    }
    StackSpec spec = stack.spec(kind.get(), command, node.name);
    String service = spec.serverService();
    String container =
        new ComposeClient(engine, runner, spec.project(), Optional.of(spec.composeFile()))
            .containers().stream()
                .filter(c -> c.service().equals(service) && c.state().equals("running"))
                .map(ComposeContainer::name)
                .findFirst()
                .orElseThrow(
                    () ->
                        new AzaPgException(
                            ExitCode.ENGINE,
                            "stack " + spec.project() + " has no running " + service + " service",
                            List.of(
                                "start it with './aza-pg up --stack "
                                    + kind.get().name().toLowerCase(java.util.Locale.ROOT)
                                    + " --name "
                                    + spec.project()
                                    + "'")));
    String db = spec.recorded().orElse(StackOptions.defaults(kind.get())).get(StackOption.DATABASE);
    return new Target(container, db, "the " + service + " of stack " + spec.project());
  }

  /**
   * What a logical backup or restore acts on, held open while it runs: with {@code --pg-env} a
   * client container (removed on close), else the node or stack's server.
   */
  record Session(Target target, Optional<ClientContainer> client) implements AutoCloseable {
    @Override
    public void close() {
      client.ifPresent(ClientContainer::close);
    }
  }

  static Session open(
      ContainerEngine engine,
      ProcessRunner runner,
      Reporter reporter,
      NodeOptions node,
      StackSelection stack,
      PgEnvOption pgEnv,
      CommandSpec command) {
    Optional<ClientContainer> client = pgEnv.start(engine, reporter, command, stack.stack);
    return new Session(
        client
            .map(ClientContainer::target)
            .orElseGet(() -> resolve(engine, runner, node, stack, command)),
        client);
  }

  /**
   * The stack a physical backup or restore acts on, and its pgBackRest: refused for a node or a
   * replica stack (neither has WAL archiving).
   */
  static StackSpec physicalStack(StackSelection stack, NodeOptions node, CommandSpec command) {
    StackKind kind =
        stack
            .kind()
            .filter(k -> StackOption.WAL_ARCHIVE.appliesTo(k))
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INVALID_INPUT,
                        "--physical needs --stack primary or --stack single"
                            + (stack.kind().isPresent()
                                ? " (a replica stack archives no WAL of its own)"
                                : " (a node started by 'aza-pg up' has no WAL archiving)"),
                        List.of(
                            "start a stack with WAL archiving: ./aza-pg up --stack single"
                                + " --name NAME --set wal-archive=on")));
    return stack.spec(kind, command, node.name);
  }

  /** The pgBackRest values of a stack, as its generated configuration holds them. */
  static PgBackRest pgBackRest(StackSpec spec) {
    return new PgBackRest(
        PgBackRestConf.STANZA,
        PgBackRestConf.REPO_PATH,
        PgBackRestConf.PG_PATH,
        spec.repoVolume(),
        "./aza-pg up --stack "
            + spec.kind().id()
            + " --name "
            + spec.project()
            + " --set wal-archive=on (with the stack's other --set values)");
  }

  /** The image a stack runs, as it was last started. */
  static String image(StackSpec spec) {
    return spec.recorded()
        .orElseThrow(
            () ->
                new AzaPgException(
                    ExitCode.INVALID_INPUT,
                    "stack "
                        + spec.project()
                        + " was never started here (no "
                        + spec.stateDir()
                        + ")",
                    List.of("check --stack and --name; './aza-pg status --stack ...' lists it")))
        .get(StackOption.IMAGE);
  }
}
