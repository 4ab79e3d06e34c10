package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.process.ProcessResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Promotes a streaming standby to a primary with {@code pg_promote()} (no restart, no {@code su}):
 * it must be a standby, a logical backup is taken first unless declined, and the promotion counts
 * only once the server accepts writes.
 */
public final class Promotion {
  /** Asks the user to go ahead; false stops before anything is changed. */
  @FunctionalInterface
  public interface Confirmation {
    boolean confirm(String plan);
  }

  /**
   * A finished promotion.
   *
   * @param backup the pre-promotion backup; empty when declined
   * @param duration from {@code pg_promote()} to the first write
   * @param timeline the new timeline
   */
  public record Result(Optional<LogicalBackup.Result> backup, Duration duration, String timeline) {}

  private final ContainerEngine engine;
  private final Reporter reporter;

  public Promotion(ContainerEngine engine, Reporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  /**
   * Promotes {@code target}.
   *
   * @param backup where to write the pre-promotion backup; empty: none
   * @param timeout how long to wait for the promotion and the first write
   */
  public Result run(
      Target target,
      Optional<LogicalBackup.Request> backup,
      Confirmation confirmation,
      Duration timeout) {
    InContainer pg = new InContainer(engine, target);
    pg.requireAnswers(target.database());
    String inRecovery = query(pg, target, "SELECT pg_is_in_recovery()");
    if (!inRecovery.equals("t")) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          target.description()
              + " is not a standby (pg_is_in_recovery() is false): nothing to promote",
          List.of("promote the replica, e.g. --stack replica --name PROJECT"));
    }
    String plan =
        "promote "
            + target.description()
            + " to a primary"
            + (backup.isPresent()
                ? " after a backup to " + backup.get().output()
                : " without a backup");
    if (!confirmation.confirm(plan)) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED, "promotion not confirmed; nothing was changed");
    }
    Optional<LogicalBackup.Result> taken =
        backup.map(request -> new LogicalBackup(engine, reporter).run(target, request));
    long start = System.nanoTime();
    reporter.info("promoting " + target.description() + " with pg_promote()");
    String promoted =
        query(pg, target, "SELECT pg_promote(true, " + Math.max(1, timeout.toSeconds()) + ")");
    if (!promoted.equals("t")) {
      throw new AzaPgException(
          ExitCode.TIMEOUT,
          "pg_promote() did not finish within "
              + timeout.toSeconds()
              + " s on "
              + target.description(),
          List.of("see its log: ./aza-pg logs ...; the promotion may still complete"));
    }
    ServerWait.of(
            limit -> {
              ProcessResult r =
                  pg.psql(
                      target.database(),
                      "SELECT pg_is_in_recovery()::text || ' ' || txid_current()",
                      limit);
              return r.succeeded() && r.stdout().strip().startsWith("false ")
                  ? Optional.empty()
                  : Optional.of(
                      r.succeeded() ? "still in recovery" : InContainer.lastLines(r.stderr()));
            },
            reporter)
        .until(target.description() + " accepting writes", timeout, Duration.ofMillis(500));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // The timeline of the WAL now written (the last checkpoint may still be on the old one).
    String timeline =
        query(
            pg,
            target,
            "SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int");
    return new Result(taken, took, timeline);
  }

  private static String query(InContainer pg, Target target, String sql) {
    ProcessResult r = pg.psql(target.database(), sql, Duration.ofMinutes(2));
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.DATABASE,
          sql + " failed on " + target.description() + ": " + InContainer.lastLines(r.stderr()));
    }
    return r.stdout().strip();
  }
}
