package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ComposeClient;
import io.azapg.engine.ComposeContainer;
import io.azapg.engine.ContainerEngine;
import io.azapg.generate.compose.StackKind;
import io.azapg.generate.compose.StackOption;
import io.azapg.generate.compose.StackOptions;
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
}
