package io.azapg.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one statement in many sessions at once: every session connects first, then all start
 * together, so that the server holds every session's memory at the same time. Used by the memory
 * benchmarks; the client runs outside the server's container, so its memory is not counted there.
 */
public final class ConcurrentSessions {
  /** What became of the sessions. */
  public record Outcome(int sessions, int connected, int finished, List<String> errors) {}

  private ConcurrentSessions() {}

  /**
   * Opens {@code sessions} connections, then runs the statement in all of them at once.
   *
   * @param url a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5433/postgres}
   * @param password the password; it travels in the connection properties, never in the URL
   * @param timeout how long one statement may run
   */
  public static Outcome run(
      String url, String user, String password, String statement, int sessions, Duration timeout)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    CountDownLatch connected = new CountDownLatch(sessions);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "30");
    props.setProperty("socketTimeout", Long.toString(timeout.toSeconds()));
    int[] opened = new int[1];
    for (int i = 0; i < sessions; i++) {
      results.add(
          pool.submit(
              () -> {
                Connection c;
                try {
                  c = DriverManager.getConnection(url, props);
                  synchronized (opened) {
                    opened[0]++;
                  }
                } catch (SQLException e) {
                  return "connect: " + e.getMessage();
                } finally {
                  connected.countDown();
                }
                try (c;
                    Statement s = c.createStatement()) {
                  go.await();
                  s.execute(statement);
                  return "";
                } catch (SQLException e) {
                  return e.getMessage();
                }
              }));
    }
    connected.await(2, TimeUnit.MINUTES);
    go.countDown();
    int finished = 0;
    List<String> errors = new ArrayList<>();
    for (Future<String> f : results) {
      try {
        String error = f.get(timeout.toSeconds() + 60, TimeUnit.SECONDS);
        if (error.isEmpty()) {
          finished++;
        } else if (errors.size() < 5) {
          errors.add(error);
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        errors.add(e.toString());
      }
    }
    pool.shutdownNow();
    return new Outcome(sessions, opened[0], finished, errors);
  }
}
