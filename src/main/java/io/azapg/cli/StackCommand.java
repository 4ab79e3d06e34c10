package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.GeneratedFiles;
import io.azapg.generate.compose.StackFiles;
import io.azapg.generate.compose.StackKind;
import io.azapg.generate.compose.StackNames;
import io.azapg.generate.compose.StackOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aza-pg stack render}: a stack's compose.yaml, configs and .env.example. */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = "Render the Compose stacks (primary, replica, single) to run them yourself.",
    subcommands = {StackCommand.Render.class})
final class StackCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command: render");
  }

  /** {@code aza-pg stack render primary|replica|single [--dir D] [--set NAME=VALUE]...}. */
  @Command(
      name = "render",
      mixinStandardHelpOptions = true,
      description = {
        "Write a stack's compose.yaml, its configs and .env.example into --dir (default:"
            + " stacks/<stack> of the project, which 'aza-pg generate' keeps at the defaults).",
        "Options (--set NAME=VALUE): memory, cpus, workload, storage (the tuning, the limits and"
            + " PgBouncer's pool sizes follow them), max-clients, database, wal-level, wal-archive,"
            + " slot, synchronous (on: commits wait for the replica), primary, primary-host,"
            + " primary-wait, image, bind, the ports, and pg.<setting>."
      })
  static final class Render implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", paramLabel = "primary|replica|single", description = "The stack.")
    String stack;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the files.")
    @Nullable Path dir;

    @Option(
        names = "--set",
        paramLabel = "NAME=VALUE",
        description = "A stack option; repeatable (see above and docs/STACKS.md).")
    List<String> set = new ArrayList<>();

    Render(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      StackKind kind = StackKind.parse(stack, "STACK");
      if (dir == null && !set.isEmpty()) {
        throw new io.azapg.common.AzaPgException(
            io.azapg.common.ExitCode.USAGE,
            "--set needs --dir: stacks/"
                + kind.id()
                + " holds the defaults 'aza-pg generate' checks",
            List.of("e.g. aza-pg stack render " + kind.id() + " --dir my-stack --set memory=2GB"));
      }
      StackOptions options = StackOptions.defaults(kind).with(set);
      Catalog catalog = Project.loadCatalog(null);
      Path target = dir != null ? dir : Project.root().resolve("stacks").resolve(kind.id());
      List<GeneratedFile> files =
          StackFiles.render(options, StackNames.committed(options), catalog, ".", true);
      List<String> written = new GeneratedFiles(target.toAbsolutePath()).write(files);
      for (String path : written) {
        console.out().println(target.resolve(path).normalize());
      }
      console
          .reporter()
          .info(
              "wrote "
                  + written.size()
                  + " file(s) of the "
                  + kind.id()
                  + " stack to "
                  + target
                  + "; run it with 'aza-pg up --stack "
                  + kind.id()
                  + "' or see docs/STACKS.md for Compose");
      return 0;
    }
  }
}
