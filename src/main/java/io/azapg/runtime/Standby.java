package io.azapg.runtime;

import io.azapg.common.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A streaming replica's part of every start. On an empty data directory, before anything else is
 * written, it is created from the primary ({@link StandbyBootstrap}); at every start its passfile
 * is rewritten from {@code PG_REPLICATION_PASSWORD[_FILE]} and its own settings go into the tuning
 * include, so a changed {@code PRIMARY_HOST} or password applies at the next restart.
 */
final class Standby {
  /** The walreceiver's passfile, relative to the data directory (0600, rewritten every start). */
  static final String PASSFILE = "aza-pg.replication.pgpass";

  /** The CA the replica verifies its primary with (PRIMARY_SSLMODE=verify-ca|verify-full). */
  static final String ROOT_CERT = "aza-pg.replication.root.crt";

  private final StandbyConfig cfg;
  private final Reporter reporter;

  Standby(StandbyConfig cfg, Reporter reporter) {
    this.cfg = cfg;
    this.reporter = reporter;
  }

  /** The configuration this standby was started with. */
  StandbyConfig config() {
    return cfg;
  }

  /**
   * Creates the standby when the data directory is empty, then writes the walreceiver's passfile.
   *
   * @return whether the data directory was created now (by pg_basebackup)
   */
  boolean prepare(DataDir dataDir, StandbyBootstrap bootstrap) {
    boolean created = false;
    if (!dataDir.initialised()) {
      bootstrap.run();
      created = true;
    } else if (!Files.exists(dataDir.resolve("standby.signal"))) {
      reporter.warn(
          "POSTGRES_ROLE=replica but "
              + dataDir.path()
              + " has no standby.signal: this server was promoted and starts as a primary"
              + " (set POSTGRES_ROLE=primary to say so)");
    }
    dataDir.write(PASSFILE, passfileLine(cfg));
    if (cfg.rootCert().isPresent()) {
      dataDir.write(ROOT_CERT, cfg.rootCert().get().strip() + "\n");
    } else {
      dataDir.delete(ROOT_CERT);
    }
    return created;
  }

  /** Where the CA the replica verifies its primary with is kept, when it verifies. */
  java.util.Optional<Path> rootCertFile(Path pgdata) {
    return cfg.rootCert().map(pem -> pgdata.resolve(ROOT_CERT));
  }

  /**
   * The standby's own settings, written into the tuning include: where to stream from, and how
   * queries on the replica and replay share it.
   */
  List<Setting> settings(Path pgdata) {
    List<Setting> s = new ArrayList<>();
    s.add(
        new Setting(
            "primary_conninfo",
            "host="
                + StandbyCommands.quote(cfg.host())
                + " port="
                + cfg.port()
                + " user="
                + StandbyCommands.quote(cfg.user())
                + " passfile="
                + StandbyCommands.quote(pgdata.resolve(PASSFILE).toString())
                + " application_name="
                + cfg.slot()
                + " sslmode="
                + cfg.sslMode()
                + rootCertFile(pgdata)
                    .map(f -> " sslrootcert=" + StandbyCommands.quote(f.toString()))
                    .orElse(""),
            "runtime",
            "PRIMARY_HOST, PRIMARY_PORT, PG_REPLICATION_USER and PRIMARY_SSLMODE at this start; the"
                + " password is in "
                + PASSFILE
                + " (0600), rewritten at every start from PG_REPLICATION_PASSWORD[_FILE]"));
    s.add(
        new Setting(
            "primary_slot_name",
            cfg.slot(),
            "runtime",
            "REPLICATION_SLOT_NAME: the primary keeps the WAL this replica has not received yet"));
    s.add(
        new Setting(
            "hot_standby",
            "on",
            "runtime",
            "the replica answers read-only queries while it replays"));
    s.add(
        new Setting(
            "hot_standby_feedback",
            "on",
            "runtime",
            "the primary keeps row versions the replica's queries still read: fewer cancelled"
                + " queries, at the cost of some bloat on the primary"));
    s.add(
        new Setting(
            "max_standby_streaming_delay",
            "300s",
            "runtime",
            "a query on the replica may hold replay back up to 5 minutes before it is cancelled"));
    s.add(
        new Setting(
            "max_standby_archive_delay",
            "300s",
            "runtime",
            "the same bound while replaying archived WAL"));
    return List.copyOf(s);
  }

  /**
   * The settings a standby must hold at least at the primary's values (PostgreSQL refuses to start
   * recovery otherwise), read from pg_controldata: name to the primary's value.
   */
  static Map<String, Integer> primaryValues(String controlData) {
    Map<String, Integer> values = new java.util.TreeMap<>();
    for (String line : controlData.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String name = CONTROL_FIELDS.get(key);
      if (name != null) {
        try {
          values.put(name, Integer.parseInt(line.substring(colon + 1).strip()));
        } catch (NumberFormatException e) {
          // a field we do not understand is left to the server's own check
        }
      }
    }
    return values;
  }

  private static final Map<String, String> CONTROL_FIELDS =
      Map.of(
          "max_connections setting", "max_connections",
          "max_worker_processes setting", "max_worker_processes",
          "max_wal_senders setting", "max_wal_senders",
          "max_prepared_xacts setting", "max_prepared_transactions",
          "max_locks_per_xact setting", "max_locks_per_transaction");

  /** One passfile line for any host, port and database: {@code *:*:*:user:password}. */
  static String passfileLine(StandbyConfig cfg) {
    return "*:*:*:" + escape(cfg.user()) + ":" + escape(cfg.password().reveal()) + "\n";
  }

  private static String escape(String field) {
    return field.replace("\\", "\\\\").replace(":", "\\:");
  }
}
