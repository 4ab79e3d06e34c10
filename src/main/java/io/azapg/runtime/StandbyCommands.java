package io.azapg.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The PostgreSQL client programs a replica runs against its primary (pg_isready, psql on a
 * replication connection, pg_basebackup) and pg_controldata on its own data directory, each as the
 * server user. The replication password reaches them only through a 0600 passfile named by {@code
 * PGPASSFILE}: never an argv, never the environment.
 */
final class StandbyCommands {
  private static final Duration PROBE = Duration.ofSeconds(20);
  private static final Duration BACKUP = Duration.ofHours(24);

  private final Exec exec;
  private final Privileges privileges;
  private final Map<String, String> env;
  private final StandbyConfig standby;

  StandbyCommands(
      Exec exec,
      Privileges privileges,
      Env containerEnv,
      StandbyConfig standby,
      Path passfile,
      Optional<Path> rootCert) {
    this.exec = exec;
    this.privileges = privileges;
    this.standby = standby;
    Map<String, String> m = new TreeMap<>();
    containerEnv.get("PATH").ifPresent(p -> m.put("PATH", p));
    containerEnv.get("LANG").ifPresent(p -> m.put("LANG", p));
    m.put("HOME", privileges.home());
    m.put("PGPASSFILE", passfile.toString());
    m.put("PGCONNECT_TIMEOUT", "5");
    m.put("PGAPPNAME", standby.slot());
    m.put("PGSSLMODE", standby.sslMode());
    rootCert.ifPresent(c -> m.put("PGSSLROOTCERT", c.toString()));
    this.env = Map.copyOf(m);
  }

  /** pg_isready against the primary: whether it accepts connections now. */
  boolean primaryAnswers() {
    return run(
            List.of(
                "pg_isready",
                "-q",
                "-h",
                standby.host(),
                "-p",
                Integer.toString(standby.port()),
                "-U",
                standby.user(),
                "-t",
                "3"),
            Optional.empty(),
            PROBE,
            false)
        .ok();
  }

  /**
   * {@code READ_REPLICATION_SLOT} on a physical replication connection: what the primary knows of
   * the slot (a row of empty fields when it does not exist). Needs only the REPLICATION attribute
   * and the primary's {@code host replication} rule, the same rights pg_basebackup needs.
   */
  Exec.Result readSlot() {
    String conninfo =
        "host="
            + quote(standby.host())
            + " port="
            + standby.port()
            + " user="
            + quote(standby.user())
            + " replication=true";
    return run(
        List.of("psql", "-X", "-A", "-t", "-q", "--no-password", "-d", conninfo),
        Optional.of(
            ("READ_REPLICATION_SLOT " + standby.slot() + "\n").getBytes(StandardCharsets.UTF_8)),
        PROBE,
        false);
  }

  /** pg_basebackup into the empty data directory: streamed WAL, the slot, standby.signal. */
  Exec.Result baseBackup(Path pgdata, Optional<Path> waldir) {
    List<String> argv =
        new java.util.ArrayList<>(
            List.of(
                "pg_basebackup",
                "--pgdata=" + pgdata,
                "--host=" + standby.host(),
                "--port=" + standby.port(),
                "--username=" + standby.user(),
                "--no-password",
                "--write-recovery-conf",
                "--slot=" + standby.slot(),
                "--wal-method=stream",
                "--checkpoint=fast",
                "--progress"));
    waldir.ifPresent(w -> argv.add("--waldir=" + w));
    return run(argv, Optional.empty(), BACKUP, true);
  }

  /** pg_controldata of the data directory (the primary's settings as of the last replay). */
  String controlData(Path pgdata) {
    Exec.Result r =
        run(List.of("pg_controldata", "-D", pgdata.toString()), Optional.empty(), PROBE, false);
    return r.ok() ? r.stdout() : "";
  }

  private Exec.Result run(
      List<String> argv, Optional<byte[]> stdin, Duration timeout, boolean passThrough) {
    return exec.run(new Exec.Invocation(argv, env, stdin, timeout, passThrough));
  }

  /** A libpq conninfo value in single quotes. */
  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
