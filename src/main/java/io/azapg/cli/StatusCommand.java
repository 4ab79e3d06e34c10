package io.azapg.cli;

import io.azapg.engine.ContainerState;
import io.azapg.engine.HealthStatus;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.stack.Connection;
import io.azapg.stack.NodeRecord;
import io.azapg.stack.SingleNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aza-pg status}: the node's state and health. Exit 1 when it is not running. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show the node's state and health, or with --stack every service's and the replication"
            + " lag (exit 1 when not all healthy).")
final class StatusCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;
  @Mixin StackSelection stack;

  @Spec CommandSpec spec;

  @Mixin FormatOption format;

  StatusCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    if (stack.kind().isPresent()) {
      return StackCli.status(
          console,
          engineOption.select(runner, console.reporter()),
          runner,
          stack.spec(stack.kind().get(), spec, node.name),
          format.json());
    }
    Optional<ContainerState> state =
        new SingleNode(engineOption.select(runner, console.reporter()), console.reporter())
            .status(node.byName());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", node.name);
    out.put("exists", state.isPresent());
    out.put("running", state.map(ContainerState::running).orElse(false));
    out.put("status", state.map(ContainerState::status).orElse("absent"));
    out.put("health", state.flatMap(ContainerState::health).map(HealthStatus::word).orElse("none"));
    Optional<NodeRecord> record = SingleNode.recorded(node.byName());
    record.ifPresent(
        r -> {
          out.put("memory", r.memoryBytes() / (1 << 20) + "MB");
          out.put("cpus", r.cpus());
          out.put("database", r.database());
        });
    if (state.map(ContainerState::running).orElse(false) && record.isPresent()) {
      NodeRecord r = record.get();
      out.put(
          "uri",
          new Connection(
                  SingleNode.reachableHost(r.bindAddress()),
                  r.port(),
                  "postgres",
                  r.database(),
                  node.byName().secrets())
              .uri());
    }
    if (format.json()) {
      console.out().println(Json.write(out));
    } else {
      out.forEach((k, v) -> console.out().printf(Locale.ROOT, "%-8s %s%n", k + ":", v));
    }
    return state.map(ContainerState::running).orElse(false) ? 0 : 1;
  }
}
