package io.azapg.stack;

import io.azapg.common.Reporter;
import io.azapg.engine.ComposeClient;
import io.azapg.engine.ComposeContainer;
import io.azapg.engine.ContainerEngine;
import io.azapg.generate.compose.StackKind;
import io.azapg.generate.compose.StackOption;
import io.azapg.generate.compose.StackOptions;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aza-pg status --stack}: every service's state and health, and for a primary and its
 * replicas the replication state and lag, in bytes and in seconds, as the primary sees it ({@code
 * pg_stat_replication}), plus a replica's own WAL receiver.
 */
public final class StackStatus {
  private static final String SENDERS =
      "SELECT application_name, state,"
          + " COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint,"
          + " CASE WHEN replay_lsn = pg_current_wal_lsn() THEN 0"
          + " ELSE round(COALESCE(EXTRACT(EPOCH FROM replay_lag), 0)::numeric, 3) END"
          + " FROM pg_stat_replication ORDER BY application_name";
  private static final String RECEIVER =
      "SELECT status, COALESCE(sender_host, ''),"
          + " COALESCE(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)::bigint"
          + " FROM pg_stat_wal_receiver";

  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Reporter reporter;
  private final Path stateRoot;

  public StackStatus(
      ContainerEngine engine, ProcessRunner runner, Reporter reporter, Path stateRoot) {
    this.engine = engine;
    this.runner = runner;
    this.reporter = reporter;
    this.stateRoot = stateRoot;
  }

  /**
   * The report.
   *
   * @param services service to {@code [state, health]}, absent services included
   * @param replication one row per standby: {@code [standby, state, lag bytes, lag seconds]}
   * @param receiver a replica's WAL receiver: {@code [status, sender, unreplayed bytes]}
   */
  public record Report(
      StackSpec spec,
      Map<String, List<String>> services,
      List<List<String>> replication,
      Optional<List<String>> receiver) {
    /** Every service runs and, where it has a healthcheck, is healthy. */
    public boolean healthy() {
      return !services.isEmpty()
          && services.values().stream()
              .allMatch(
                  v ->
                      v.get(0).equals("running")
                          && !v.get(1).equals("unhealthy")
                          && !v.get(1).equals("starting"));
    }
  }

  public Report status(StackSpec spec) {
    StackOptions options =
        StackState.read(spec.stateDir()).orElse(StackOptions.defaults(spec.kind()));
    ComposeClient compose =
        new ComposeClient(engine, runner, spec.project(), Optional.of(spec.composeFile()));
    List<ComposeContainer> containers = compose.containers();
    Map<String, List<String>> services = new LinkedHashMap<>();
    for (List<String> group : spec.startOrder()) {
      for (String service : group) {
        Optional<ComposeContainer> c =
            containers.stream().filter(x -> x.service().equals(service)).findFirst();
        services.put(
            service,
            List.of(
                c.map(ComposeContainer::state).orElse("absent"),
                c.flatMap(ComposeContainer::health).orElse("none")));
      }
    }
    String db = options.get(StackOption.DATABASE);
    List<List<String>> replication = new ArrayList<>();
    Optional<List<String>> receiver = Optional.empty();
    if (running(services, spec.serverService())) {
      if (spec.kind() == StackKind.PRIMARY) {
        replication = rows(query(compose, "postgres", db, SENDERS));
      } else if (spec.kind() == StackKind.REPLICA) {
        receiver = rows(query(compose, "replica", db, RECEIVER)).stream().findFirst();
        String primary = options.get(StackOption.PRIMARY);
        ComposeClient other =
            new ComposeClient(
                engine,
                runner,
                primary,
                Optional.of(StackSpec.of(StackKind.PRIMARY, primary, stateRoot).composeFile()));
        String slot = options.get(StackOption.SLOT);
        replication =
            rows(query(other, "postgres", db, SENDERS)).stream()
                .filter(r -> r.get(0).equals(slot))
                .toList();
      }
    }
    return new Report(spec, services, replication, receiver);
  }

  private static boolean running(Map<String, List<String>> services, String service) {
    List<String> s = services.get(service);
    return s != null && s.get(0).equals("running");
  }

  private Optional<String> query(ComposeClient compose, String service, String db, String sql) {
    ProcessResult r =
        compose.exec(
            service,
            "postgres",
            List.of("psql", "-X", "-A", "-t", "-q", "-F", "|", "-d", db, "-c", sql));
    if (!r.succeeded()) {
      reporter.warn(
          "cannot ask " + service + " of " + compose.project() + ": " + r.stderr().strip());
      return Optional.empty();
    }
    return Optional.of(r.stdout());
  }

  private static List<List<String>> rows(Optional<String> text) {
    List<List<String>> rows = new ArrayList<>();
    text.ifPresent(
        t -> {
          for (String line : t.split("\n")) {
            if (!line.isBlank()) {
              rows.add(List.of(line.strip().split("\\|", -1)));
            }
          }
        });
    return rows;
  }
}
