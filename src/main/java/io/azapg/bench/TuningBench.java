package io.azapg.bench;

import io.azapg.common.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code aza-pg bench tuning}: the same image under PostgreSQL's defaults, pgtune's rules, the
 * original's formulas and aza-pg's tuner, side by side and interleaved (each repetition starts with
 * a different configuration, so that noise on a shared machine hits all of them alike).
 */
public final class TuningBench {
  /**
   * How much to measure.
   *
   * @param sizes container sizes for the throughput runs
   * @param seconds length of one pgbench run
   * @param repetitions runs per configuration and workload
   * @param scale pgbench scale (50 is about 750 MB: larger than every shared_buffers compared)
   * @param clients pgbench clients
   * @param memoryMb the memory test's limit; 0 skips it
   * @param safeCount whether to search the safe session count of aza-pg's settings
   * @param plots where the PNG plots go
   */
  public record Options(
      List<String> sizes,
      int seconds,
      int repetitions,
      int scale,
      int clients,
      long memoryMb,
      boolean safeCount,
      Path plots) {}

  /** Everything measured. */
  public record Results(
      List<Measurement> runs,
      List<MemoryTest.Result> memory,
      List<MemoryTest.Result> safeCount,
      Options options,
      String image) {}

  private final BenchSetup setup;
  private final Reporter reporter;

  public TuningBench(
      io.azapg.engine.ContainerEngine engine,
      io.azapg.process.ProcessRunner runner,
      String image,
      Reporter reporter) {
    String id = Long.toString(System.currentTimeMillis() % 100000000L, 36);
    this.setup =
        new BenchSetup(
            engine,
            runner,
            image,
            "aza-pg-bench-" + id,
            "bench-" + java.util.UUID.randomUUID(),
            new java.util.concurrent.atomic.AtomicInteger());
    this.reporter = reporter;
  }

  public Results run(Options options) throws InterruptedException {
    Thread cleanup = new Thread(setup::closeAll, "aza-pg-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      return measure(options);
    } finally {
      setup.closeAll();
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
  }

  private Results measure(Options options) throws InterruptedException {
    List<Measurement> runs = new ArrayList<>();
    for (String text : options.sizes()) {
      runs.addAll(throughput(Size.parse(text), options));
    }
    List<MemoryTest.Result> memory = new ArrayList<>();
    List<MemoryTest.Result> safe = new ArrayList<>();
    if (options.memoryMb() > 0) {
      for (Contender c : Contender.values()) {
        reporter.info("memory test at " + options.memoryMb() + " MB: " + c.label());
        MemoryTest.Result r = MemoryTest.run(setup, c, options.memoryMb(), 2, 0);
        reporter.info("  " + Report.memoryLine(r));
        memory.add(r);
      }
      if (options.safeCount()) {
        safe.addAll(safeCount(options.memoryMb(), memory));
      }
    }
    return new Results(runs, memory, safe, options, setup.image());
  }

  private List<Measurement> throughput(Size size, Options o) {
    List<Measurement> runs = new ArrayList<>();
    Map<Contender, BenchNode> nodes = new EnumMap<>(Contender.class);
    try {
      for (Contender c : Contender.values()) {
        reporter.info(size + ": starting " + c.label() + " and pgbench -i -s " + o.scale());
        BenchNode node = BenchNode.start(setup, c, size.memoryMb(), size.cpus(), Map.of());
        nodes.put(c, node);
        Workloads.initialise(node, o.scale());
      }
      for (BenchNode node : nodes.values()) {
        Workloads.pgbench(
            node,
            size.toString(),
            Workloads.SELECT_ONLY,
            0,
            Math.min(10, o.seconds()),
            o.clients());
      }
      List<Contender> order = new ArrayList<>(List.of(Contender.values()));
      for (int rep = 1; rep <= o.repetitions(); rep++) {
        for (String workload : List.of(Workloads.READ_WRITE, Workloads.SELECT_ONLY)) {
          for (Contender c : order) {
            Measurement m =
                Workloads.pgbench(
                    node(nodes, c), size.toString(), workload, rep, o.seconds(), o.clients());
            reporter.info(Report.progress(m));
            runs.add(m);
          }
        }
        for (Contender c : order) {
          Measurement m = Workloads.analytic(node(nodes, c), size.toString(), rep);
          reporter.info(Report.progress(m));
          runs.add(m);
        }
        Collections.rotate(order, 1);
      }
    } finally {
      nodes.values().forEach(BenchNode::close);
    }
    return runs;
  }

  /**
   * Raises the sessions of aza-pg's settings at the memory limit (max_connections raised with them)
   * until the first run with an OOM kill, a crash-restart or an unfinished session.
   */
  private List<MemoryTest.Result> safeCount(long memoryMb, List<MemoryTest.Result> memory)
      throws InterruptedException {
    int tuned =
        memory.stream()
            .filter(r -> r.contender() == Contender.AZA_PG)
            .findFirst()
            .map(MemoryTest.Result::sessions)
            .orElse(20);
    List<MemoryTest.Result> steps = new ArrayList<>();
    int low = tuned;
    int high = -1;
    int n = (int) Math.round(tuned * 1.5);
    while (n <= 400) {
      reporter.info("safe session count at " + memoryMb + " MB: " + n + " sessions");
      MemoryTest.Result r = MemoryTest.run(setup, Contender.AZA_PG, memoryMb, 2, n);
      reporter.info("  " + Report.memoryLine(r));
      steps.add(r);
      if (!r.passed()) {
        high = n;
        break;
      }
      low = n;
      n = (int) Math.round(n * 1.5);
    }
    if (high > 0 && high - low > 4) {
      int mid = (low + high) / 2;
      reporter.info("safe session count at " + memoryMb + " MB: " + mid + " sessions");
      MemoryTest.Result r = MemoryTest.run(setup, Contender.AZA_PG, memoryMb, 2, mid);
      reporter.info("  " + Report.memoryLine(r));
      steps.add(r);
    }
    return steps;
  }

  /** The node of a contender; every contender has one once the nodes started. */
  private static BenchNode node(Map<Contender, BenchNode> nodes, Contender c) {
    return Objects.requireNonNull(nodes.get(c), c::toString);
  }
}
