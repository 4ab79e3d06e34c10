package io.azapg.release;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ContainerState;
import io.azapg.engine.ExecSpec;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code aza-pg diagnose --stack}: one archive for a whole Compose stack — every service's
 * container state and log, from the PostgreSQL service what {@link Diagnostics} takes from a node
 * plus {@code pg_stat_replication} and {@code pg_stat_wal_receiver}, PgBouncer's {@code SHOW POOLS}
 * and {@code SHOW STATS} when it answers, a scrape of each exporter, and the stack's rendered
 * compose file. Every text is redacted with every password file the stack names, the containers'
 * secret-named environment values and any {@code *PASSWORD*=} assignment.
 */
public final class StackDiagnostics {
  /** The PgBouncer role allowed SHOW POOLS/STATS, as the stacks' pgbouncer.ini names it. */
  static final String STATS_USER = "pgbouncer_stats";

  private static final String REPLICATION =
      "SELECT application_name, client_addr, state, sent_lsn, write_lsn, flush_lsn, replay_lsn,"
          + " write_lag, flush_lag, replay_lag, sync_state, reply_time FROM pg_stat_replication";
  private static final String WAL_RECEIVER =
      "SELECT pid, status, receive_start_lsn, written_lsn, flushed_lsn, latest_end_lsn,"
          + " latest_end_time, slot_name, sender_host, sender_port FROM pg_stat_wal_receiver";

  /**
   * The stack to collect.
   *
   * @param project the Compose project (containers {@code <project>-<service>-1})
   * @param services every service of the stack
   * @param server the service that runs PostgreSQL
   * @param pooler the PgBouncer service, if the stack has one
   * @param exporters exporter service to the port it serves {@code /metrics} on in its container
   * @param composeFile the rendered compose file
   * @param secretFiles every password file the stack reads (a replica's are its primary's)
   */
  public record Target(
      String project,
      List<String> services,
      String server,
      Optional<String> pooler,
      Map<String, Integer> exporters,
      Path composeFile,
      List<Path> secretFiles) {
    public Target {
      services = List.copyOf(services);
      exporters = Map.copyOf(exporters);
      secretFiles = List.copyOf(secretFiles);
    }

    String container(String service) {
      return project + "-" + service + "-1";
    }
  }

  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Reporter reporter;
  private final Diagnostics node;

  public StackDiagnostics(ContainerEngine engine, ProcessRunner runner, Reporter reporter) {
    this.engine = engine;
    this.runner = runner;
    this.reporter = reporter;
    this.node = new Diagnostics(engine, runner, reporter);
  }

  /** Collects the stack into a {@code .tar.gz} (mode 0600); returns the entries. */
  public List<String> collect(Target target, Path archive) {
    if (!Files.isRegularFile(target.composeFile())) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "no stack " + target.project() + ": " + target.composeFile() + " does not exist",
          List.of("'aza-pg up --stack ...' starts one; --name picks the project"));
    }
    Redactor redactor = runner.redactor();
    for (Path file : target.secretFiles()) {
      secret(file).ifPresent(redactor::register);
    }
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("compose.yaml", read(target.composeFile()));
    int found = 0;
    for (String service : target.services()) {
      String container = target.container(service);
      Optional<ContainerState> state = engine.inspectContainer(container);
      if (state.isEmpty()) {
        entries.put(service + "/absent.txt", "no container " + container + "\n");
        continue;
      }
      found++;
      entries.put(service + "/container-state.txt", state.get() + "\n");
      if (state.get().running()) {
        node.registerEnvironmentSecrets(container, redactor);
      }
      entries.put(service + "/container-logs.txt", engine.logs(container, OptionalInt.empty()));
      if (!state.get().running()) {
        entries.put(
            service + "/not-running.txt",
            container + " is not running (" + state.get().status() + ")\n");
        continue;
      }
      if (service.equals(target.server())) {
        node.server(container).forEach((name, text) -> entries.put(service + "/" + name, text));
        entries.put(service + "/pg-stat-replication.txt", node.psql(container, REPLICATION));
        entries.put(service + "/pg-stat-wal-receiver.txt", node.psql(container, WAL_RECEIVER));
      } else if (target.pooler().filter(service::equals).isPresent()) {
        entries.put(service + "/show-pools.txt", pgbouncer(container, "SHOW POOLS"));
        entries.put(service + "/show-stats.txt", pgbouncer(container, "SHOW STATS"));
      } else if (target.exporters().containsKey(service)) {
        entries.put(service + "/metrics.txt", scrape(container, target.exporters().get(service)));
      }
    }
    if (found == 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the stack " + target.project() + " has no containers",
          List.of("'aza-pg status --stack ...' shows what exists"));
    }
    node.write(entries, archive, redactor);
    reporter.info(
        "wrote " + entries.size() + " files of the stack " + target.project() + " to " + archive);
    return List.copyOf(entries.keySet());
  }

  /**
   * PgBouncer's admin console as the stats user, from inside its container: the password is read
   * there from the secret file, never passed on an argv.
   */
  private String pgbouncer(String container, String command) {
    String script =
        "PGPASSWORD=\"$(cat \"$PGBOUNCER_STATS_PASSWORD_FILE\")\" psql -h 127.0.0.1 -p 6432 -U "
            + STATS_USER
            + " -d pgbouncer -XAc '"
            + command
            + "'";
    return describe(
        engine.exec(
            ExecSpec.of(container, "bash", "-c", script).withTimeout(Duration.ofSeconds(30))),
        "PgBouncer did not answer " + command);
  }

  /** The exporter's {@code /metrics}, fetched inside its container (bash's /dev/tcp). */
  private String scrape(String container, int port) {
    String script =
        "exec 3<>/dev/tcp/127.0.0.1/"
            + port
            + " && printf 'GET /metrics HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3"
            + " && timeout 20 cat <&3";
    return describe(
        engine.exec(
            ExecSpec.of(container, "bash", "-c", script).withTimeout(Duration.ofSeconds(40))),
        "the exporter did not answer on port " + port);
  }

  private static String describe(ProcessResult r, String failure) {
    return r.succeeded()
        ? r.stdout()
        : failure + " (exit code " + r.exitCode() + ")\n" + r.stdout() + "\n" + r.stderr();
  }

  private static Optional<String> secret(Path file) {
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
