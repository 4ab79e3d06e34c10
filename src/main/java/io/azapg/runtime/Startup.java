package io.azapg.runtime;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Entry;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The container's start-up preparation, run by the entrypoint script before it execs the server:
 * environment contract, directories and ownership, preload validation, tuning include, and on an
 * empty data directory the whole init ({@link Initializer}). Invalid input stops here, before
 * anything is written.
 */
public final class Startup {
  static final String CLUSTER_FILE = "aza-pg.cluster";
  static final String INIT_MARKER = "aza-pg.init-in-progress";

  private final Env env;
  private final Exec exec;
  private final Reporter reporter;
  private final Catalog catalog;
  private final TuningEngine tuner;
  private final SystemPaths paths;
  private final Clock clock;
  private final String version;

  public Startup(
      Env env,
      Exec exec,
      Reporter reporter,
      Catalog catalog,
      TuningEngine tuner,
      SystemPaths paths,
      Clock clock,
      String version) {
    this.env = env;
    this.exec = exec;
    this.reporter = reporter;
    this.catalog = catalog;
    this.tuner = tuner;
    this.paths = paths;
    this.clock = clock;
    this.version = version;
  }

  /**
   * Prepares everything the server needs to start.
   *
   * @param serverArgs the server's arguments after {@code postgres} (the temporary init server gets
   *     them too, so {@code -c} flags apply during init)
   */
  public void prepare(List<String> serverArgs) {
    EnvTypos.warnings(env).forEach(reporter::warn);
    StartupConfig cfg = StartupConfigParser.parse(env);
    Optional<StandbyConfig> standby = StandbyConfig.parse(env, cfg);
    StackRoles stackRoles = StackRoles.parse(env);
    SynchronousStandbys sync = SynchronousStandbys.parse(env);
    if (standby.isPresent() && sync.on()) {
      reporter.warn(
          SynchronousStandbys.VARIABLE
              + " is set but this server is a standby (POSTGRES_ROLE=replica): it is ignored;"
              + " a primary's synchronous replication is set on the primary");
    }
    int[] id = paths.identity();
    Privileges privileges =
        Privileges.decide(id[0], id[1], SystemPaths.readOrEmpty(paths.passwd()));
    DataDir dataDir = new DataDir(cfg.pgdata(), privileges);
    ServerCommands commands = new ServerCommands(exec, ChildEnv.forInit(env, cfg, privileges), cfg);

    List<String> preload = preload(cfg);
    checkLibraries(preload, commands.pkglibdir(), cfg.preloadOverride().isPresent());
    ClusterCheck.refuseForeign(cfg.pgdata(), standby.isPresent());
    if (standby.isEmpty() && !dataDir.initialised()) {
      verifyPassword(cfg); // before the directories are made: a refusal leaves the volume as it was
    }
    dataDir.prepare(paths.socketDir(), cfg.waldir());

    if (standby.isPresent()) {
      startStandby(standby.get(), cfg, dataDir, privileges, preload, serverArgs);
    } else if (dataDir.initialised()) {
      startExisting(cfg, dataDir, preload, serverArgs, RoleSettings.primary(sync), false);
    } else {
      List<String> found =
          OldLayout.findings(
              cfg.pgdata(),
              Path.of(StartupConfigParser.DEFAULT_PGDATA),
              paths.volumeRoot(),
              SystemPaths.readOrEmpty(paths.mountinfo()));
      if (!found.isEmpty()) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "PGDATA "
                + cfg.pgdata()
                + " is empty but there appears to be PostgreSQL data in: "
                + String.join(", ", found),
            OldLayout.hints());
      }
      List<InitFile> initFiles =
          InitFiles.scan(paths.initDir(), privileges.uid(), privileges.gid());
      BootConfig boot =
          BootConfig.compute(
              cfg,
              catalog,
              preload,
              cfg.database(),
              UserValues.read(cfg.tuneInputs().userValues(), Optional.empty(), serverArgs),
              tuner,
              RoleSettings.primary(sync),
              reporter,
              clock,
              version);
      reporter.info(boot.summary());
      new Initializer(cfg, dataDir, commands, privileges, paths, reporter, clock, version)
          .run(boot, plan(preload), stackRoles, initFiles, serverArgs);
      dataDir.write(
          BootConfig.HEALTH_FILE,
          BootConfig.healthFile(
              cfg, cfg.superuser(), cfg.database(), true, requiredPreload(cfg, preload)));
    }
    TlsFiles.apply(env, dataDir, reporter);
  }

  /**
   * A streaming replica: created from its primary when the data directory is empty (never initdb,
   * the init steps or the user's init files), then started like an existing cluster with its own
   * settings and the primary's floors in the include.
   */
  private void startStandby(
      StandbyConfig sc,
      StartupConfig cfg,
      DataDir dataDir,
      Privileges privileges,
      List<String> preload,
      List<String> serverArgs) {
    Standby standby = new Standby(sc, reporter);
    boolean created =
        standby.prepare(
            dataDir,
            new StandbyBootstrap(sc, dataDir, cfg.waldir(), exec, privileges, env, reporter));
    StandbyCommands commands =
        new StandbyCommands(
            exec,
            privileges,
            env,
            sc,
            dataDir.resolve(Standby.PASSFILE),
            standby.rootCertFile(cfg.pgdata()));
    RoleSettings role =
        new RoleSettings(
            standby.settings(cfg.pgdata()),
            Standby.primaryValues(commands.controlData(cfg.pgdata())));
    startExisting(cfg, dataDir, preload, serverArgs, role, created);
  }

  private void startExisting(
      StartupConfig cfg,
      DataDir dataDir,
      List<String> preload,
      List<String> serverArgs,
      RoleSettings role,
      boolean justCopied) {
    if (Files.exists(dataDir.resolve(INIT_MARKER))) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          "a previous initialisation of "
              + cfg.pgdata()
              + " did not complete (the marker "
              + INIT_MARKER
              + " is still there)",
          List.of(
              "the reason is in the first start's log; the data directory is half-initialised",
              "remove the volume (or empty PGDATA) and start again to re-run the init"));
    }
    Map<String, String> cluster =
        dataDir.read(CLUSTER_FILE).map(KeyValueFile::parse).orElse(Map.of());
    boolean ours = !cluster.isEmpty();
    String user = cluster.getOrDefault("user", cfg.superuser());
    String database = cluster.getOrDefault("database", cfg.database());
    if (!justCopied) {
      reporter.info(
          "PostgreSQL Database directory appears to contain a database; Skipping initialization"
              + " (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, POSTGRES_INITDB_*"
              + (cfg.role() == ServerRole.REPLICA ? "" : " and PG_REPLICATION_PASSWORD")
              + " apply only to an empty data directory and are ignored)");
    }
    String conf = dataDir.read("postgresql.conf").orElse("");
    String edited = ConfIncludes.withIncludes(conf);
    if (!edited.equals(conf)) {
      reporter.info("postgresql.conf: added the aza-pg tuning include and conf.d");
      dataDir.write("postgresql.conf", edited);
    }
    dataDir.mkdir(ConfIncludes.CONF_DIR);
    BootConfig boot =
        BootConfig.compute(
            cfg,
            catalog,
            preload,
            database,
            UserValues.read(cfg.tuneInputs().userValues(), Optional.of(dataDir), serverArgs),
            tuner,
            role,
            reporter,
            clock,
            version);
    reporter.info(boot.summary());
    List<String> shadowed = new ArrayList<>();
    for (String name : ConfIncludes.activeSettings(edited)) {
      if (boot.names().contains(name) && !shadowed.contains(name)) {
        shadowed.add(name);
      }
    }
    if (!shadowed.isEmpty()) {
      reporter.info(
          "postgresql.conf sets "
              + String.join(", ", shadowed)
              + " itself; those lines beat the tuning include (comment them out to use it)");
    }
    boot.write(dataDir);
    dataDir.write(
        BootConfig.HEALTH_FILE,
        BootConfig.healthFile(cfg, user, database, ours, requiredPreload(cfg, preload)));
  }

  private void verifyPassword(StartupConfig cfg) {
    boolean missing = cfg.password().map(Secret::isEmpty).orElse(true);
    if (missing && !cfg.trustsEveryone()) {
      Optional<String> file =
          env.get("POSTGRES_PASSWORD_FILE").or(() -> env.resolvedFile("POSTGRES_PASSWORD"));
      if (file.isPresent()) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "POSTGRES_PASSWORD_FILE="
                + file.get()
                + " is empty: the database is uninitialized and the superuser password cannot be"
                + " empty",
            List.of("write the password into that file (one line), or name another file"));
      }
      List<String> hints = new ArrayList<>();
      for (String name : env.names()) {
        EnvTypos.nearest(name)
            .filter(m -> m.startsWith("POSTGRES_PASSWORD"))
            .ifPresent(m -> hints.add(name + " is set: did you mean " + m + "?"));
      }
      hints.addAll(
          List.of(
              "set POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE) to a non-empty value, e.g.",
              "\"-e POSTGRES_PASSWORD=password\" on \"docker run\"; POSTGRES_HOST_AUTH_METHOD=trust",
              "allows all connections without a password (*not* recommended, see",
              "https://www.postgresql.org/docs/current/auth-trust.html)"));
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the database is uninitialized and the superuser password is not specified",
          hints);
    }
    if (cfg.trustsEveryone()) {
      for (String line : TRUST_WARNING) {
        reporter.warn(line);
      }
    }
  }

  /** The official image's warning for POSTGRES_HOST_AUTH_METHOD=trust. */
  static final List<String> TRUST_WARNING =
      List.of(
          "POSTGRES_HOST_AUTH_METHOD has been set to \"trust\". This will allow",
          "anyone with access to the Postgres port to access your database without",
          "a password, even if POSTGRES_PASSWORD is set. See PostgreSQL",
          "documentation about \"trust\":",
          "https://www.postgresql.org/docs/current/auth-trust.html",
          "In Docker's default configuration, this is effectively any other",
          "container on the same system.",
          "It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace",
          "it with \"-e POSTGRES_PASSWORD=password\" instead to set a password in",
          "\"docker run\".");

  /**
   * The preload list: POSTGRES_SHARED_PRELOAD_LIBRARIES when set, else the catalog's; the libraries
   * that need the root key only with a usable one ({@link RootKey}).
   */
  List<String> preload(StartupConfig cfg) {
    return RootKey.apply(
        cfg.preloadOverride().orElseGet(() -> catalog.derived().defaultPreload()),
        cfg.preloadOverride().isPresent(),
        env,
        reporter);
  }

  /** Every library must exist in pkglibdir; a missing one stops start-up, naming it. */
  static void checkLibraries(List<String> preload, Path pkglibdir, boolean fromEnv) {
    for (String lib : preload) {
      String file = lib.endsWith(".so") ? lib : lib + ".so";
      if (!Files.isRegularFile(pkglibdir.resolve(file))) {
        if (fromEnv) {
          throw StartupConfigParser.invalid(
              "POSTGRES_SHARED_PRELOAD_LIBRARIES",
              String.join(",", preload),
              "no library \"" + lib + "\" in " + pkglibdir);
        }
        throw new AzaPgException(
            ExitCode.INTERNAL,
            "the image is broken: the catalog preloads \""
                + lib
                + "\" but "
                + pkglibdir.resolve(file)
                + " does not exist");
      }
    }
  }

  /** Which auto-create extensions to create, and which are left out because of the preload list. */
  InitPlan plan(List<String> preload) {
    List<InitSql.Extension> create = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Entry e : catalog.derived().autoCreateOrder()) {
      if (e.requiresPreload() && !preload.contains(e.preload().library())) {
        skipped.put(e.name(), "its library " + e.preload().library() + " is not preloaded");
      } else {
        create.add(new InitSql.Extension(e.name(), e.targetSchema()));
      }
    }
    skipped.forEach((name, why) -> reporter.warn("extension " + name + " is not created: " + why));
    return new InitPlan(create, skipped);
  }

  /** The libraries the healthcheck requires in the live setting: none when the user chose. */
  List<String> requiredPreload(StartupConfig cfg, List<String> preload) {
    if (cfg.preloadOverride().isPresent()) {
      return List.of();
    }
    TreeSet<String> required = new TreeSet<>(catalog.derived().requiredPreload());
    required.retainAll(preload);
    return List.copyOf(required);
  }

  /**
   * The extensions of the init.
   *
   * @param create created in this order
   * @param skipped left out, with the reason
   */
  record InitPlan(List<InitSql.Extension> create, Map<String, String> skipped) {
    /** The names of the extensions to create, in order. */
    List<String> names() {
      return create.stream().map(InitSql.Extension::name).toList();
    }
  }
}
