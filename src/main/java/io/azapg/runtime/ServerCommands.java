package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The PostgreSQL programs the init path runs (initdb, pg_ctl, psql, the user's init files), each as
 * the server user with the init environment. No password is ever on an argv: initdb reads a 0600
 * file, psql reads PGPASSWORD from the environment, role passwords arrive as SCRAM verifiers on
 * stdin.
 */
final class ServerCommands {
  private static final Duration SHORT = Duration.ofMinutes(5);
  private static final Duration LONG = Duration.ofHours(12);

  private final Exec exec;
  private final Map<String, String> env;
  private final StartupConfig cfg;

  ServerCommands(Exec exec, Map<String, String> env, StartupConfig cfg) {
    this.exec = exec;
    this.env = Map.copyOf(env);
    this.cfg = cfg;
  }

  /** initdb with the contract's arguments; nss_wrapper when the uid has no passwd entry. */
  void initdb(List<String> argv, Map<String, String> extraEnv) {
    Map<String, String> e = new TreeMap<>(env);
    e.putAll(extraEnv);
    Exec.Result r = run(argv, e, Optional.empty(), SHORT, true);
    if (!r.ok()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "initdb failed with exit code " + r.exitCode() + " (its output is above)",
          List.of(
              "check POSTGRES_INITDB_ARGS and POSTGRES_INITDB_WALDIR",
              "the data directory ("
                  + env.getOrDefault("PGDATA", "PGDATA")
                  + ") must be empty and writable by the server user (uid 999 unless --user)"));
    }
  }

  /** The temporary server's log, inside PGDATA while the init runs. */
  static final String TEMP_SERVER_LOG = "aza-pg.init-server.log";

  /**
   * Starts the temporary server: unix socket only, no synchronous standbys, the user's server
   * arguments kept. Its log goes to a file (a server holding pg_ctl's output pipes open would keep
   * any reader waiting); the init copies it to the container log when the server stops.
   */
  void startTempServer(List<String> serverArgs) {
    List<String> opts = new ArrayList<>(serverArgs);
    // No standby can be connected during the init: synchronous replication would make its
    // commits wait for ever.
    opts.addAll(
        List.of(
            "-c",
            "listen_addresses=",
            "-c",
            "synchronous_standby_names=",
            "-p",
            Integer.toString(cfg.port())));
    StringBuilder o = new StringBuilder();
    for (String opt : opts) {
      if (o.length() > 0) {
        o.append(' ');
      }
      o.append(ShellWords.quote(opt));
    }
    Exec.Result r =
        run(
            List.of(
                "pg_ctl",
                "-D",
                cfg.pgdata().toString(),
                "-l",
                cfg.pgdata().resolve(TEMP_SERVER_LOG).toString(),
                "-o",
                o.toString(),
                "-w",
                "-t",
                "300",
                "start"),
            env,
            Optional.empty(),
            SHORT,
            true);
    if (!r.ok()) {
      throw new AzaPgException(
          ExitCode.DATABASE,
          "the temporary server did not start (pg_ctl exit code "
              + r.exitCode()
              + "; its log is above)");
    }
  }

  /** Stops the temporary server with {@code -m fast}; returns whether it stopped. */
  boolean stopTempServer() {
    return run(
            List.of("pg_ctl", "-D", cfg.pgdata().toString(), "-m", "fast", "-w", "stop"),
            env,
            Optional.empty(),
            SHORT,
            true)
        .ok();
  }

  /** Runs SQL text through psql (ON_ERROR_STOP) in a database; output captured. */
  Exec.Result psql(String database, String sql) {
    Map<String, String> e = new TreeMap<>(env);
    e.put("PGDATABASE", database);
    return run(psqlArgv(true), e, Optional.of(sql.getBytes(StandardCharsets.UTF_8)), LONG, false);
  }

  /** Runs SQL text and fails with the given message (and psql's error) when it fails. */
  void psqlOrFail(String database, String sql, String what) {
    Exec.Result r = psql(database, sql);
    if (!r.ok()) {
      throw new AzaPgException(ExitCode.DATABASE, what + ": " + r.tail(3).replace('\n', ' '));
    }
  }

  /** Runs one of the user's init files; its output goes to the container log. */
  Exec.Result runInitFile(InitFile file) {
    String path = file.path().toString();
    List<String> argv;
    switch (file.kind()) {
      case RUN:
        argv = List.of(path);
        break;
      case SOURCE:
        argv = List.of("bash", "-c", prelude() + ". \"$1\"\n", "aza-pg-init", path);
        break;
      case SQL:
        argv = new ArrayList<>(psqlArgv(false));
        argv.addAll(List.of("-f", path));
        break;
      case SQL_GZ:
      case SQL_XZ:
      case SQL_ZST:
        String decompress = String.join(" ", file.kind().decompressor());
        String psql = String.join(" ", psqlArgv(false));
        argv =
            List.of(
                "bash",
                "-c",
                "set -o pipefail; " + decompress + " -- \"$1\" | " + psql,
                "aza-pg-init",
                path);
        break;
      default:
        throw new IllegalArgumentException("not runnable: " + file);
    }
    return run(argv, env, Optional.empty(), LONG, true);
  }

  /** {@code pg_config --pkglibdir}: where preloadable libraries live. */
  Path pkglibdir() {
    Exec.Result r =
        exec.run(
            new Exec.Invocation(
                List.of("pg_config", "--pkglibdir"), env, Optional.empty(), SHORT, false));
    if (!r.ok() || r.stdout().isBlank()) {
      throw new AzaPgException(
          ExitCode.INTERNAL, "pg_config --pkglibdir failed: " + r.tail(2).replace('\n', ' '));
    }
    return Path.of(r.stdout().strip());
  }

  private static List<String> psqlArgv(boolean quiet) {
    List<String> argv =
        new ArrayList<>(List.of("psql", "-v", "ON_ERROR_STOP=1", "--no-psqlrc", "--no-password"));
    if (quiet) {
      argv.add("-q");
    }
    return List.copyOf(argv);
  }

  private Exec.Result run(
      List<String> argv,
      Map<String, String> e,
      Optional<byte[]> stdin,
      Duration timeout,
      boolean passThrough) {
    return exec.run(new Exec.Invocation(argv, e, stdin, timeout, passThrough));
  }

  private static String prelude() {
    try (InputStream in = ServerCommands.class.getResourceAsStream("init-prelude.sh")) {
      if (in == null) {
        throw new AzaPgException(ExitCode.INTERNAL, "the jar has no init-prelude.sh");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
