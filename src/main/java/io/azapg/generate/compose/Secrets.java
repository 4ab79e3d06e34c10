package io.azapg.generate.compose;

import java.util.List;

/**
 * The password files of each stack and the login names they belong to. Each is generated on first
 * use by {@code aza-pg up} (or by the user, for a stack run with Compose directly) and reaches the
 * containers as a Compose secret: a file under {@code /run/secrets}, never an environment value.
 */
public final class Secrets {
  /** The superuser's password ({@code POSTGRES_PASSWORD_FILE}). */
  public static final String SUPERUSER = "postgres-password";

  /** The replication role's password: the primary creates the role, replicas log in with it. */
  public static final String REPLICATION = "replication-password";

  /** PgBouncer's auth_user: the only role that may call the auth_query lookup. */
  public static final String POOLER_AUTH = "pgbouncer-auth-password";

  /** PgBouncer's stats user (the pgbouncer exporter and PgBouncer's healthcheck). */
  public static final String POOLER_STATS = "pgbouncer-stats-password";

  /** PgBouncer's admin user (PAUSE, RELOAD, SHOW). */
  public static final String POOLER_ADMIN = "pgbouncer-admin-password";

  /** The postgres exporter's role (pg_monitor). */
  public static final String EXPORTER = "exporter-password";

  /** The postgres exporter's login role, created by the runtime at init. */
  public static final String EXPORTER_ROLE = "aza_pg_exporter";

  /** PgBouncer's auth_user, created by the runtime at init. */
  public static final String POOLER_AUTH_USER = "pgbouncer_auth";

  /** PgBouncer's stats user (in PgBouncer's auth file only). */
  public static final String POOLER_STATS_USER = "pgbouncer_stats";

  /** PgBouncer's admin user (in PgBouncer's auth file only). */
  public static final String POOLER_ADMIN_USER = "pgbouncer_admin";

  /** The server certificate (with {@code tls=on}): a file of the stack's TLS directory. */
  public static final String TLS_CERT = "tls-cert";

  /** The server certificate's private key (0600). */
  public static final String TLS_KEY = "tls-key";

  /** The CA that signed the server certificate (what clients verify against). */
  public static final String TLS_CA = "tls-ca";

  /** The directory, in a stack's secrets directory, that holds its certificate files. */
  public static final String TLS_DIR = "tls";

  /** The files of the TLS directory each TLS secret is, by secret. */
  public static final java.util.Map<String, String> TLS_FILES =
      java.util.Map.of(TLS_CERT, "server.crt", TLS_KEY, "server.key", TLS_CA, "ca.crt");

  /** The host names inside a stack's networks that the certificate must carry. */
  public static final List<String> SERVICE_HOSTS = List.of("postgres", "pgbouncer", "replica");

  private Secrets() {}

  /** The secret files a stack's compose.yaml names. */
  public static List<String> of(StackKind kind) {
    return switch (kind) {
      case PRIMARY ->
          List.of(SUPERUSER, REPLICATION, POOLER_AUTH, POOLER_STATS, POOLER_ADMIN, EXPORTER);
      case REPLICA -> List.of(REPLICATION, EXPORTER);
      case SINGLE -> List.of(SUPERUSER, EXPORTER);
    };
  }

  /**
   * The secrets a stack creates itself on first use; a replica creates none (it uses its
   * primary's).
   */
  public static List<String> owned(StackKind kind) {
    return kind == StackKind.REPLICA ? List.of() : of(kind);
  }
}
