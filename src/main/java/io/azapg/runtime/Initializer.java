package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.db.PasswordVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The init of an empty data directory: initdb, the configuration edits, a temporary server on the
 * unix socket only, POSTGRES_DB, the catalog's init steps, the roles, the user's init files, then a
 * fast stop. A marker file in PGDATA exists from initdb until the end, so a half-done init is never
 * mistaken for a healthy or a finished one.
 */
final class Initializer {
  static final String PASSFILE = "aza-pg.healthcheck.pgpass";

  private final StartupConfig cfg;
  private final DataDir dataDir;
  private final ServerCommands commands;
  private final Privileges privileges;
  private final SystemPaths paths;
  private final Reporter reporter;
  private final Clock clock;
  private final String version;
  private final SecureRandom random = new SecureRandom();

  Initializer(
      StartupConfig cfg,
      DataDir dataDir,
      ServerCommands commands,
      Privileges privileges,
      SystemPaths paths,
      Reporter reporter,
      Clock clock,
      String version) {
    this.cfg = cfg;
    this.dataDir = dataDir;
    this.commands = commands;
    this.privileges = privileges;
    this.paths = paths;
    this.reporter = reporter;
    this.clock = clock;
    this.version = version;
  }

  void run(
      BootConfig boot,
      Startup.InitPlan plan,
      StackRoles stackRoles,
      List<InitFile> initFiles,
      List<String> serverArgs) {
    initdb();
    dataDir.write(Startup.INIT_MARKER, "initialisation started " + Instant.now(clock) + "\n");
    String conf = dataDir.read("postgresql.conf").orElse("");
    dataDir.write(
        "postgresql.conf", ConfIncludes.withIncludes(ConfIncludes.commentOut(conf, boot.names())));
    dataDir.mkdir(ConfIncludes.CONF_DIR);
    String hba = dataDir.read("pg_hba.conf").orElse("");
    dataDir.write("pg_hba.conf", hbaFirst(cfg) + hba + hbaLines(cfg));
    Map<String, String> cluster = new LinkedHashMap<>();
    cluster.put("initialized_by", "aza-pg " + version);
    cluster.put("initialized_at", Instant.now(clock).toString());
    cluster.put("user", cfg.superuser());
    cluster.put("database", cfg.database());
    dataDir.write(
        Startup.CLUSTER_FILE,
        KeyValueFile.render(
            "aza-pg: facts about this cluster, written once at init; do not edit", cluster));
    boot.write(dataDir);

    try {
      commands.startTempServer(serverArgs);
      try {
        steps(plan, stackRoles, initFiles);
      } catch (RuntimeException e) {
        commands.stopTempServer();
        throw e;
      }
      if (!commands.stopTempServer()) {
        throw new AzaPgException(
            ExitCode.DATABASE, "the temporary server did not stop (log above)");
      }
    } finally {
      dataDir.forEachLine(
          ServerCommands.TEMP_SERVER_LOG,
          ProcessExec.PASS_THROUGH_TAIL,
          line -> reporter.info("init server: " + line));
      dataDir.delete(ServerCommands.TEMP_SERVER_LOG);
    }
    dataDir.delete(Startup.INIT_MARKER);
    reporter.info("PostgreSQL init process complete; ready for start up.");
  }

  private void steps(Startup.InitPlan plan, StackRoles stackRoles, List<InitFile> initFiles) {
    commands.psqlOrFail(
        "postgres",
        InitSql.createDatabase(cfg.database()),
        "cannot create database " + cfg.database());
    reporter.info(
        "creating "
            + plan.create().size()
            + " extension(s) in database "
            + cfg.database()
            + ": "
            + String.join(", ", plan.names()));
    Exec.Result r =
        commands.psql(cfg.database(), InitSql.extensions(version, plan.create(), plan.skipped()));
    if (!r.ok()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          "the init steps failed: " + r.tail(3).replace('\n', ' '),
          List.of("aza_pg.init_status in database " + cfg.database() + " records every error"));
    }
    String healthPassword = randomPassword();
    commands.psqlOrFail(
        cfg.database(),
        InitSql.roles(
            PasswordVerifier.scramSha256(healthPassword),
            cfg.replicationPassword().map(p -> PasswordVerifier.scramSha256(p.reveal())),
            cfg.replicationSlot()),
        "cannot create the healthcheck and replication roles");
    dataDir.write(
        PASSFILE, "127.0.0.1:*:*:" + StartupConfig.HEALTHCHECK_ROLE + ":" + healthPassword + "\n");
    cfg.replicationPassword()
        .ifPresent(
            p ->
                reporter.info(
                    "created role "
                        + StartupConfig.REPLICATION_ROLE
                        + " and physical replication slot "
                        + cfg.replicationSlot()));
    if (stackRoles.any()) {
      commands.psqlOrFail(
          cfg.database(), stackRoles.sql(), "cannot create the PgBouncer and exporter roles");
      reporter.info("created the roles of the stack: " + stackRoles);
    }
    for (InitFile file : initFiles) {
      if (file.kind() == InitFile.Kind.IGNORED) {
        reporter.info("ignoring " + file.path());
        continue;
      }
      reporter.info("running " + file.path());
      Exec.Result result = commands.runInitFile(file);
      if (!result.ok()) {
        String note = "init file " + file.name() + " failed with exit code " + result.exitCode();
        commands.psql(cfg.database(), InitSql.failed(note));
        throw new AzaPgException(
            ExitCode.CHECK_FAILED,
            "init file "
                + file.path()
                + " failed (exit code "
                + result.exitCode()
                + "; output above)",
            List.of("fix the file, remove the data directory and start again"));
      }
    }
    commands.psqlOrFail(cfg.database(), InitSql.completed(), "cannot record the init as completed");
  }

  private void initdb() {
    List<String> argv = new ArrayList<>();
    argv.add("initdb");
    argv.add("--pgdata=" + cfg.pgdata());
    argv.add("--username=" + cfg.superuser());
    Optional<Path> pwfile =
        cfg.password()
            .map(p -> dataDir.secretTempFile(PasswordVerifier.scramSha256(p.reveal()) + "\n"));
    pwfile.ifPresent(f -> argv.add("--pwfile=" + f));
    argv.addAll(authDefaults(cfg));
    cfg.waldir().ifPresent(w -> argv.add("--waldir=" + w));
    argv.addAll(cfg.initdbArgs());
    Map<String, String> extra = new LinkedHashMap<>();
    if (privileges.nssWrapper()) {
      extra.putAll(nssWrapper());
    }
    reporter.info("initialising the database cluster in " + cfg.pgdata());
    try {
      commands.initdb(argv, extra);
    } finally {
      pwfile.ifPresent(Initializer::deleteQuietly);
      deleteQuietly(extra.get("NSS_WRAPPER_PASSWD"));
      deleteQuietly(extra.get("NSS_WRAPPER_GROUP"));
    }
  }

  /** A passwd and group line for a uid that has none, as the official image does for initdb. */
  private Map<String, String> nssWrapper() {
    Path lib =
        paths
            .nssWrapper()
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INTERNAL,
                        "uid "
                            + privileges.uid()
                            + " has no passwd entry and libnss_wrapper.so is missing"));
    Path passwd =
        dataDir.secretTempFile(
            "postgres:x:"
                + privileges.uid()
                + ":"
                + privileges.gid()
                + ":PostgreSQL:"
                + cfg.pgdata()
                + ":/bin/false\n");
    Path group = dataDir.secretTempFile("postgres:x:" + privileges.gid() + ":\n");
    reporter.info(
        "uid " + privileges.uid() + " has no passwd entry: initdb runs under nss_wrapper");
    return Map.of(
        "LD_PRELOAD", lib.toString(),
        "NSS_WRAPPER_PASSWD", passwd.toString(),
        "NSS_WRAPPER_GROUP", group.toString());
  }

  /**
   * Both of initdb's auth options, always, ahead of the user's {@code POSTGRES_INITDB_ARGS}: initdb
   * takes the last value of each, so {@code -A}/{@code --auth}, {@code --auth-local} or {@code
   * --auth-host} there replace only what they name. Left out, initdb's own default for the other
   * one is {@code trust} (for 127.0.0.1 and ::1 too): a user's {@code --auth-local=peer} must not
   * open TCP to everyone inside the container.
   */
  static List<String> authDefaults(StartupConfig cfg) {
    return List.of("--auth-local=trust", "--auth-host=" + cfg.hostAuthMethod());
  }

  /**
   * The rules put before initdb's (the first matching line wins): the healthcheck role logs in over
   * 127.0.0.1 with its password and from nowhere else; the replication role opens replication
   * connections only, never a session in a database.
   */
  static String hbaFirst(StartupConfig cfg) {
    String health = StartupConfig.HEALTHCHECK_ROLE;
    StringBuilder sb =
        new StringBuilder("# aza-pg: the healthcheck role, from 127.0.0.1 only\n")
            .append("host all ")
            .append(health)
            .append(" 127.0.0.1/32 scram-sha-256\n")
            .append("host all ")
            .append(health)
            .append(" all reject\n")
            .append("local all ")
            .append(health)
            .append(" reject\n");
    if (cfg.replicationPassword().isPresent()) {
      String rep = StartupConfig.REPLICATION_ROLE;
      sb.append("# aza-pg: the replication role, replication connections only\n")
          .append("host all ")
          .append(rep)
          .append(" all reject\n")
          .append("local all ")
          .append(rep)
          .append(" reject\n");
    }
    return sb.append('\n').toString();
  }

  /**
   * The lines appended to pg_hba.conf: the TLS rules' include (non-loopback clients must use TLS
   * when the server serves it; see {@link TlsFiles}), the remote method, and replication when
   * asked.
   */
  static String hbaLines(StartupConfig cfg) {
    StringBuilder sb =
        new StringBuilder("\n")
            .append(TlsFiles.HBA_INCLUDE_LINE)
            .append(TlsFiles.HBA_MARKER)
            .append('\n');
    if (cfg.replicationPassword().isPresent()) {
      sb.append("host replication ")
          .append(StartupConfig.REPLICATION_ROLE)
          .append(" all ")
          .append(cfg.hostAuthMethod())
          .append('\n');
    }
    sb.append("host all all all ").append(cfg.hostAuthMethod()).append('\n');
    return sb.toString();
  }

  private String randomPassword() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void deleteQuietly(@Nullable Object path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(Path.of(path.toString()));
    } catch (IOException e) {
      // a temp file; /tmp is cleared with the container
    }
  }
}
