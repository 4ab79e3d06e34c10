package io.azapg.runtime;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment every child of the runtime gets: the container's own (never a partial map, so
 * PATH and friends survive), without the {@code *_FILE} indirections, with the resolved values the
 * official image exports to init scripts, and libpq's variables aimed at the local socket.
 */
final class ChildEnv {
  private static final List<String> FILE_VARS =
      List.of(
          "POSTGRES_PASSWORD_FILE",
          "POSTGRES_USER_FILE",
          "POSTGRES_DB_FILE",
          "POSTGRES_INITDB_ARGS_FILE",
          "PG_REPLICATION_PASSWORD_FILE");

  private ChildEnv() {}

  /** The environment for init-time children (initdb, pg_ctl, psql, init scripts). */
  static Map<String, String> forInit(Env env, StartupConfig cfg, Privileges privileges) {
    Map<String, String> m = new TreeMap<>(env.asMap());
    FILE_VARS.forEach(m::remove);
    m.put("PGDATA", cfg.pgdata().toString());
    m.put("POSTGRES_USER", cfg.superuser());
    m.put("POSTGRES_DB", cfg.database());
    cfg.password()
        .ifPresent(
            p -> {
              m.put("POSTGRES_PASSWORD", p.reveal());
              m.put("PGPASSWORD", p.reveal());
            });
    cfg.replicationPassword().ifPresent(p -> m.put("PG_REPLICATION_PASSWORD", p.reveal()));
    m.put("PGUSER", cfg.superuser());
    m.put("PGDATABASE", cfg.database());
    m.put("PGPORT", Integer.toString(cfg.port()));
    m.remove("PGHOST");
    m.remove("PGHOSTADDR");
    m.remove("NOTIFY_SOCKET");
    m.put("HOME", privileges.home());
    return m;
  }
}
