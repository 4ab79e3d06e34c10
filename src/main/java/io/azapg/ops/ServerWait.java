package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits until a server really answers a query. Success is only ever a query that returned its row;
 * the timeout is a failure (exit code 6) that carries the last error seen, never a quiet 0.
 */
public final class ServerWait {
  /** One attempt to run a query; empty when it succeeded, else why not. */
  @FunctionalInterface
  public interface Probe {
    Optional<String> attempt(Duration limit);
  }

  /** Sleeps between attempts (replaced in unit tests). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration pause) throws InterruptedException;
  }

  private final Probe probe;
  private final Sleeper sleeper;
  private final Reporter reporter;

  public ServerWait(Probe probe, Sleeper sleeper, Reporter reporter) {
    this.probe = probe;
    this.sleeper = sleeper;
    this.reporter = reporter;
  }

  /** A wait that sleeps for real. */
  public static ServerWait of(Probe probe, Reporter reporter) {
    return new ServerWait(probe, pause -> Thread.sleep(pause.toMillis()), reporter);
  }

  /**
   * Tries until an attempt succeeds or {@code timeout} has passed, and returns the time it took.
   * Each attempt gets at most what is left of the timeout (at least one second); one attempt is
   * always made, even with a zero timeout.
   *
   * @throws AzaPgException exit code 6 at the timeout, naming {@code what} and the last error
   */
  public Duration until(String what, Duration timeout, Duration interval) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String last;
    int attempts = 0;
    while (true) {
      long left = deadline - System.nanoTime();
      Duration limit = Duration.ofNanos(Math.max(left, Duration.ofSeconds(1).toNanos()));
      Optional<String> error = probe.attempt(limit);
      attempts++;
      if (error.isEmpty()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      last = error.get();
      reporter.debug("attempt " + attempts + ": " + last);
      long now = System.nanoTime();
      if (now >= deadline) {
        break;
      }
      if (attempts == 1) {
        reporter.info("waiting for " + what + " (up to " + timeout.toSeconds() + " s): " + last);
      }
      Duration pause = Duration.ofNanos(Math.min(interval.toNanos(), deadline - now));
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AzaPgException(ExitCode.INTERNAL, "interrupted while waiting for " + what);
      }
    }
    throw new AzaPgException(
        ExitCode.TIMEOUT,
        what
            + " did not answer a query within "
            + timeout.toSeconds()
            + " s ("
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + "); last error: "
            + last,
        List.of(
            "check that the server runs and listens there, and the user, database and password",
            "give it longer with --timeout SECONDS"));
  }
}
