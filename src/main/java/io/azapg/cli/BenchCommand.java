package io.azapg.cli;

import io.azapg.bench.Plots;
import io.azapg.bench.Report;
import io.azapg.bench.TuningBench;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg bench …}: benchmarks that measure and print figures. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: measure and print figures (Markdown on stdout, progress on stderr).",
    subcommands = {BenchCommand.Tuning.class})
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command: tuning");
  }

  /** {@code aza-pg bench tuning}: aza-pg's tuning against PostgreSQL's defaults and the peers. */
  @Command(
      name = "tuning",
      mixinStandardHelpOptions = true,
      description = {
        "Run the same image with PostgreSQL's defaults, pgtune's rules, the original aza-pg's"
            + " formulas and aza-pg's tuner, side by side and interleaved: pgbench read-write and"
            + " select-only, an analytic set, WAL per run, the memory test at 512 MB for all four"
            + " and the safe session count of aza-pg's settings.",
        "Records the host's load average before and after every run. Takes about 45 minutes with"
            + " the defaults; shorten it with --seconds and --repetitions."
      })
  static final class Tuning implements Callable<Integer> {
    private final Console console;

    @Mixin EngineOption engineOption;

    @Mixin ImageArgument imageArgument;

    @Option(
        names = "--sizes",
        split = ",",
        paramLabel = "MEM/CPUS",
        description = "Container sizes for the throughput runs (default: 1GB/1,2GB/2).")
    List<String> sizes = new ArrayList<>(List.of("1GB/1", "2GB/2"));

    @Option(names = "--seconds", description = "Length of one pgbench run (default: 30).")
    int seconds = 30;

    @Option(
        names = "--repetitions",
        description = "Runs per configuration and workload (default: 3).")
    int repetitions = 3;

    @Option(names = "--scale", description = "pgbench scale (default: 50, about 750 MB).")
    int scale = 50;

    @Option(names = "--clients", description = "pgbench clients (default: 8).")
    int clients = 8;

    @Option(
        names = "--memory-test",
        paramLabel = "MB",
        description = "The memory test's limit in MB; 0 skips it (default: 512).")
    long memoryMb = 512;

    @Option(
        names = "--no-safe-count",
        description = "Skip the search for the safe session count of aza-pg's settings.")
    boolean noSafeCount;

    @Option(
        names = "--plots",
        paramLabel = "DIR",
        description = "Where the PNG plots go (default: docs/bench).")
    Path plots = Path.of("docs", "bench");

    Tuning(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
      if (seconds < 5 || repetitions < 1 || scale < 1 || clients < 1 || memoryMb < 0) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "--seconds must be at least 5 and --repetitions, --scale and --clients at least 1",
            List.of());
      }
      ProcessRunner runner = new DefaultProcessRunner();
      String ref = imageArgument.orDefault(18);
      TuningBench.Results results =
          new TuningBench(
                  engineOption.select(runner, console.reporter()), runner, ref, console.reporter())
              .run(
                  new TuningBench.Options(
                      sizes, seconds, repetitions, scale, clients, memoryMb, !noSafeCount, plots));
      console.out().print(Report.markdown(results));
      console.out().flush();
      for (Path p : Plots.write(results, plots)) {
        console.reporter().info("wrote " + p);
      }
      return 0;
    }
  }
}
