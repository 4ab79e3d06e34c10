package io.azapg.cli;

import io.azapg.generate.compose.StackKind;
import io.azapg.stack.StackSpec;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --stack primary|replica|single}: up, down, status and logs act on a Compose stack (its
 * project named by {@code --name}, default {@code aza-pg-<stack>}) instead of the single node.
 */
final class StackSelection {
  @Option(
      names = "--stack",
      paramLabel = "primary|replica|single",
      description =
          "Act on a Compose stack: primary (PostgreSQL, PgBouncer, both exporters), replica (a"
              + " streaming standby of a primary stack) or single (PostgreSQL and its exporter)."
              + " --name is then its Compose project (default aza-pg-<stack>).")
  String stack;

  Optional<StackKind> kind() {
    return Optional.ofNullable(stack).map(s -> StackKind.parse(s, "--stack"));
  }

  /** The stack's spec: {@code --name} when given, else the stack's default project. */
  StackSpec spec(StackKind kind, CommandSpec command, String name) {
    boolean named = command.commandLine().getParseResult().hasMatchedOption("--name");
    return StackSpec.of(
        kind, named ? name : kind.defaultProject(), Project.root().resolve(".aza-pg"));
  }
}
