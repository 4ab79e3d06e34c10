package io.azapg.bench;

import io.azapg.db.ConcurrentSessions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every allowed session runs a sort-plus-hash-heavy statement at once, in a container at its memory
 * limit: one InitPlan sorts a million random keys, the other hash-aggregates a million keys into
 * about 632,000 groups, and both function scans materialise. The evidence is the kernel's (the
 * cgroup's oom_kill counter), the server's (a crash-restart in its log) and the engine's (whether
 * the container still runs); every session must finish.
 */
final class MemoryTest {
  static final String STATEMENT =
      "SELECT (SELECT count(*) FROM (SELECT random() AS r FROM generate_series(1, 1000000)"
          + " ORDER BY 1) s), (SELECT count(*) FROM (SELECT (random() * 1000000)::int AS k FROM"
          + " generate_series(1, 1000000) GROUP BY 1) h)";

  /** Connections the test leaves free: 3 reserved for superusers and one for the healthcheck. */
  static final int LEFT_FREE = 4;

  /** What one run showed. */
  record Result(
      Contender contender,
      long memoryMb,
      int maxConnections,
      int sessions,
      int finished,
      long oomKills,
      boolean crashRestart,
      boolean containerDied,
      long peakBytes,
      double seconds,
      String loadBefore,
      String loadAfter) {
    boolean passed() {
      return finished == sessions && oomKills == 0 && !crashRestart && !containerDied;
    }
  }

  private MemoryTest() {}

  /**
   * Starts a contender at the memory limit and runs the statement in {@code max_connections − 4}
   * sessions, or in {@code sessions} when given (max_connections is then raised to hold them).
   */
  static Result run(BenchSetup setup, Contender contender, long memoryMb, int cpus, int sessions)
      throws InterruptedException {
    Map<String, String> extra =
        sessions > 0 ? Map.of("max_connections", Integer.toString(sessions + LEFT_FREE)) : Map.of();
    try (BenchNode node = BenchNode.start(setup, contender, memoryMb, cpus, extra)) {
      int mc = Integer.parseInt(node.sql("SHOW max_connections"));
      int n = sessions > 0 ? sessions : mc - LEFT_FREE;
      long killsBefore = node.oomKills();
      AtomicLong peak = new AtomicLong(node.unreclaimable());
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(node.unreclaimable(), Math::max);
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      String before = Workloads.load();
      long start = System.nanoTime();
      ConcurrentSessions.Outcome outcome =
          ConcurrentSessions.run(
              node.jdbcUrl(), "postgres", node.password(), STATEMENT, n, Duration.ofMinutes(10));
      double seconds = (System.nanoTime() - start) / 1e9;
      sampler.interrupt();
      sampler.join();
      String log = node.logs();
      boolean died = !node.running();
      return new Result(
          contender,
          memoryMb,
          mc,
          n,
          outcome.finished(),
          Math.max(0, node.oomKills() - killsBefore) + (died && node.exitCode() == 137 ? 1 : 0),
          log.contains("terminated by signal 9") || log.contains("reinitializing"),
          died,
          peak.get(),
          seconds,
          before,
          Workloads.load());
    }
  }
}
