package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.db.ConnectionCheck;
import io.azapg.ops.ServerWait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aza-pg wait}: exit 0 only once {@code SELECT 1} has returned its row on the server; exit 6
 * with the last error at the timeout. Defaults come from the libpq variables.
 */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description =
        "Wait until PostgreSQL answers a real query (SELECT 1); exit 0 then, exit 6 with the last"
            + " error at the timeout. The password comes from PGPASSWORD, else PGPASSFILE or"
            + " ~/.pgpass; it is never an option.")
final class WaitCommand implements Callable<Integer> {
  private final Console console;
  private final Map<String, String> env;

  @Option(names = "--host", description = "Host (default: $PGHOST, else 127.0.0.1).")
  @Nullable String host;

  @Option(names = "--port", description = "Port (default: $PGPORT, else 5432).")
  @Nullable Integer port;

  @Option(names = "--user", description = "User (default: $PGUSER, else postgres).")
  @Nullable String user;

  @Option(
      names = {"--db", "--database"},
      description = "Database (default: $PGDATABASE, else postgres).")
  @Nullable String database;

  @Option(
      names = "--timeout",
      defaultValue = "60",
      description = "Seconds to wait before failing (default: ${DEFAULT-VALUE}; 0: one attempt).")
  int timeoutSeconds;

  WaitCommand(Console console) {
    this(console, System.getenv());
  }

  WaitCommand(Console console, Map<String, String> env) {
    this.console = console;
    this.env = Map.copyOf(env);
  }

  @Override
  public Integer call() {
    if (timeoutSeconds < 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--timeout " + timeoutSeconds + ": must be 0 or more seconds",
          List.of("e.g. --timeout 60"));
    }
    String h = host != null ? host : env.getOrDefault("PGHOST", "127.0.0.1");
    int p = port != null ? port : parsePort(env.getOrDefault("PGPORT", "5432"));
    if (p < 1 || p > 65535) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "port " + p + ": must be between 1 and 65535",
          List.of("e.g. --port 5432"));
    }
    String u = user != null ? user : env.getOrDefault("PGUSER", "postgres");
    String db = database != null ? database : env.getOrDefault("PGDATABASE", "postgres");
    Optional<String> password = Optional.ofNullable(env.get("PGPASSWORD"));
    String where = u + "@" + h + ":" + p + "/" + db;
    Duration took =
        ServerWait.of(
                limit -> ConnectionCheck.selectOne(h, p, u, db, password, limit),
                console.reporter())
            .until(where, Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(1));
    console.reporter().info(where + " answered SELECT 1 after " + took.toMillis() + " ms");
    return 0;
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "PGPORT=" + value + ": not a port number",
          List.of("set PGPORT to a number between 1 and 65535, or pass --port"));
    }
  }
}
