package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.catalog.CatalogLoader;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {
  @TempDir Path tmp;
  private Path pgdata;
  private Path initDir;
  private FakeServer server;
  private final List<String> log = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();

  private final TuningEngine tuner =
      (inputs, workers) ->
          new TuningEngine.Tuned(
              List.of(
                  new Setting("shared_buffers", "128MB", "tuning", "a quarter of 512MB"),
                  new Setting("max_connections", "57", "tuning", "budget"),
                  new Setting("max_worker_processes", String.valueOf(8 + workers), "tuning", "w")),
              "memory 512MB (cgroup v2), 1 CPU (cgroup v2), workload mixed: shared_buffers=128MB",
              Map.of("memory", "512MB"));

  @BeforeEach
  void setUp() throws Exception {
    pgdata = tmp.resolve("volume/18/docker");
    initDir = Files.createDirectories(tmp.resolve("initdb.d"));
    Path lib = Files.createDirectories(tmp.resolve("lib"));
    for (String so :
        List.of("auto_explain.so", "pg_stat_statements.so", "vector.so", "supautils.so")) {
      Files.writeString(lib.resolve(so), "");
    }
    Files.writeString(
        tmp.resolve("passwd"), "postgres:x:999:999:PostgreSQL:/var/lib/postgresql:/bin/bash\n");
    Files.writeString(
        tmp.resolve("status"), "Name:\tjava\nUid:\t999\t999\t999\t999\nGid:\t999\t999\t999\t999\n");
    server = new FakeServer(lib);
    env.put("PGDATA", pgdata.toString());
  }

  private Startup startup() {
    SystemPaths paths =
        new SystemPaths(
            initDir,
            tmp.resolve("run"),
            tmp.resolve("volume"),
            tmp.resolve("passwd"),
            tmp.resolve("mountinfo"),
            tmp.resolve("status"),
            List.of(tmp.resolve("lib")));
    Reporter reporter =
        new Reporter() {
          @Override
          public void info(String m) {
            log.add(m);
          }

          @Override
          public void warn(String m) {
            log.add("warning: " + m);
          }

          @Override
          public void debug(String m) {}
        };
    return new Startup(
        new Env(env),
        server,
        reporter,
        new CatalogLoader().load(java.nio.file.Path.of("src/test/resources/runtime/catalog.json")),
        tuner,
        paths,
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
        "9.9.9");
  }

  private String read(String name) throws Exception {
    return Files.readString(pgdata.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void freshDataDirectory_fullInit() throws Exception {
    env.put("POSTGRES_PASSWORD", "hunter2");
    env.put("POSTGRES_USER", "app user");
    env.put("POSTGRES_DB", "my db");
    Files.writeString(initDir.resolve("10-schema.sql"), "CREATE TABLE t(i int);");
    Files.writeString(initDir.resolve("05-notes.txt"), "");

    startup().prepare(List.of("-c", "work_mem=8MB"));

    List<String> initdb = server.argvOf("initdb").get(0);
    assertThat(initdb)
        .contains(
            "--pgdata=" + pgdata,
            "--username=app user",
            "--auth-local=trust",
            "--auth-host=scram-sha-256");
    assertThat(server.pwfileText).startsWith("SCRAM-SHA-256$4096:").endsWith("\n");
    assertThat(server.pwfileMode).isEqualTo("rw-------");
    for (Exec.Invocation call : server.calls) {
      assertThat(String.join(" ", call.argv())).doesNotContain("hunter2");
    }
    for (String s : server.sql) {
      assertThat(s).doesNotContain("hunter2");
    }
    assertThat(server.envOf("psql"))
        .containsEntry("PGPASSWORD", "hunter2")
        .containsEntry("PGUSER", "app user");

    List<String> pgctl = server.argvOf("pg_ctl").get(0);
    assertThat(pgctl).contains("start");
    assertThat(pgctl.get(pgctl.indexOf("-o") + 1))
        .isEqualTo("-c work_mem=8MB -c listen_addresses= -c synchronous_standby_names= -p 5432");
    assertThat(pgctl).contains("-l", pgdata.resolve("aza-pg.init-server.log").toString());
    assertThat(server.argvOf("pg_ctl").get(1)).containsSubsequence("-m", "fast", "-w", "stop");

    assertThat(server.sql.get(0)).contains("CREATE DATABASE %I', 'my db'");
    assertThat(server.sql.get(1))
        .contains("CREATE EXTENSION IF NOT EXISTS \"pg_stat_statements\"")
        .contains("CREATE EXTENSION IF NOT EXISTS \"vector\"");
    assertThat(server.sql.get(2)).contains("CREATE ROLE \"aza_pg_healthcheck\"");
    assertThat(server.sql.get(3)).contains("SET status = 'completed'");
    assertThat(server.argvOf("psql").get(3))
        .endsWith("-f", initDir.resolve("10-schema.sql").toString());

    String conf = read("postgresql.conf");
    assertThat(conf).startsWith(ConfIncludes.TOP).endsWith("include_dir = 'conf.d'\n");
    assertThat(conf).contains("#max_connections = 100").contains("#shared_buffers = 128MB");
    assertThat(conf).contains("\nmax_wal_size = 1GB");
    assertThat(Files.isDirectory(pgdata.resolve("conf.d"))).isTrue();
    assertThat(read("pg_hba.conf")).endsWith("host all all all scram-sha-256\n");

    String include = read("aza-pg.tuning.conf");
    assertThat(include)
        .contains("listen_addresses = '*'")
        .contains("shared_preload_libraries = 'auto_explain,pg_stat_statements'")
        .contains("wal_level = 'logical'")
        .contains("shared_buffers = '128MB'")
        .contains("max_worker_processes = '8'");
    assertThat(read("aza-pg.tuning.json")).contains("\"name\" : \"shared_buffers\"");
    assertThat(read("aza-pg.healthcheck"))
        .contains(
            "user=app user\n",
            "database=my db\n",
            "init=aza-pg\n",
            "check_role=aza_pg_healthcheck\n")
        .contains("required_preload=auto_explain pg_stat_statements\n");
    assertThat(read("aza-pg.healthcheck.pgpass")).startsWith("127.0.0.1:*:*:aza_pg_healthcheck:");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(pgdata.resolve("aza-pg.healthcheck.pgpass"))))
        .isEqualTo("rw-------");
    assertThat(read("aza-pg.cluster")).contains("user=app user\n", "database=my db\n");
    assertThat(Files.exists(pgdata.resolve(Startup.INIT_MARKER))).isFalse();
    assertThat(log)
        .contains("ignoring " + initDir.resolve("05-notes.txt"))
        .contains("PostgreSQL init process complete; ready for start up.");
    assertThat(log).filteredOn(l -> l.startsWith("memory 512MB")).hasSize(1);
  }

  @Test
  void freshDataDirectory_noPassword_refusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessage("the database is uninitialized and the superuser password is not specified");
    assertThat(server.argvOf("initdb")).isEmpty();
    assertThat(pgdata.resolve("PG_VERSION")).doesNotExist();
  }

  @Test
  void emptyPasswordFile_refusedNamingTheFile_andNothingIsMade() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty-password"), "\n");
    env.put("POSTGRES_PASSWORD_FILE", empty.toString());
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("POSTGRES_PASSWORD_FILE=" + empty + " is empty");
    assertThat(server.argvOf("initdb")).isEmpty();
    assertThat(pgdata).doesNotExist();
  }

  @Test
  void mistypedPasswordVariable_isNamedInTheRefusal_butNotItsValue() {
    env.put("POSTGRES_PASWORD", "typed-secret");
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.hints())
                  .contains("POSTGRES_PASWORD is set: did you mean POSTGRES_PASSWORD?");
              assertThat(String.join("\n", e.hints()) + e.getMessage())
                  .doesNotContain("typed-secret");
            });
    assertThat(log)
        .contains(
            "warning: POSTGRES_PASWORD is set but this image does not read it: did you mean"
                + " POSTGRES_PASSWORD? (its value is ignored)");
    assertThat(String.join("\n", log)).doesNotContain("typed-secret");
  }

  @Test
  void newerMajorsCluster_refusedBeforeAnythingIsWrittenOrChowned() throws Exception {
    Files.createDirectories(pgdata);
    Files.writeString(pgdata.resolve("PG_VERSION"), "19\n");
    env.put("POSTGRES_PASSWORD", "pw");
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "PGDATA "
                          + pgdata
                          + " holds a PostgreSQL 19 cluster (PG_VERSION), and this image runs"
                          + " PostgreSQL 18: an older server cannot read a newer cluster");
            });
    try (var files = Files.list(pgdata)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("PG_VERSION");
    }
  }

  @Test
  void pgVersionLinkingElsewhere_isRefusedWithoutReadingIt() throws Exception {
    Files.createDirectories(pgdata);
    Path secret = Files.writeString(tmp.resolve("secret-file"), "root:$6$hash:1:0:::\n");
    Files.createSymbolicLink(pgdata.resolve("PG_VERSION"), secret);
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("PG_VERSION is a symbolic link")
        .hasMessageNotContaining("root:");
  }

  @Test
  void olderMajorsCluster_refusedWithThePgUpgradeHint() throws Exception {
    Files.createDirectories(pgdata);
    Files.writeString(pgdata.resolve("PG_VERSION"), "16\n");
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.getMessage()).contains("holds a PostgreSQL 16 cluster");
              assertThat(e.hints().get(0)).contains("pg_upgrade");
            });
  }

  @Test
  void nonEmptyDirectoryWithoutACluster_refusedNamingWhatIsThere() throws Exception {
    Files.createDirectories(pgdata.resolve("lost+found"));
    Files.writeString(pgdata.resolve("notes.txt"), "mine");
    env.put("POSTGRES_PASSWORD", "pw");
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining(
            "is not empty but holds no PostgreSQL cluster (no PG_VERSION): found"
                + " lost+found, notes.txt");
    assertThat(server.argvOf("initdb")).isEmpty();
    assertThat(Files.readString(pgdata.resolve("notes.txt"))).isEqualTo("mine");
  }

  @Test
  void trust_warnsAndNeedsNoPassword() {
    env.put("POSTGRES_HOST_AUTH_METHOD", "trust");
    startup().prepare(List.of());
    assertThat(log)
        .contains("warning: POSTGRES_HOST_AUTH_METHOD has been set to \"trust\". This will allow");
    assertThat(server.argvOf("initdb").get(0))
        .contains("--auth-host=trust")
        .noneMatch(a -> a.startsWith("--pwfile"));
  }

  @Test
  void userAuthFlags_comeLastAndWin_theOtherKeepsTheImageDefaultNotInitdbsTrust() {
    env.put("POSTGRES_PASSWORD", "x");
    env.put("POSTGRES_INITDB_ARGS", "--auth-local=peer --data-checksums");
    startup().prepare(List.of());
    assertThat(server.argvOf("initdb").get(0))
        .containsSubsequence("--auth-host=scram-sha-256", "--auth-local=peer")
        .endsWith("--auth-local=peer", "--data-checksums");
  }

  @Test
  void existingDataDirectory_noInit_includeAddedOnce() throws Exception {
    Files.createDirectories(pgdata);
    Files.writeString(pgdata.resolve("PG_VERSION"), "18\n");
    Files.writeString(pgdata.resolve("postgresql.conf"), FakeServer.INITDB_CONF);
    env.put("POSTGRES_DB", "ignored");

    startup().prepare(List.of());
    String once = read("postgresql.conf");
    startup().prepare(List.of());

    assertThat(server.argvOf("initdb")).isEmpty();
    assertThat(server.argvOf("pg_ctl")).isEmpty();
    assertThat(read("postgresql.conf")).isEqualTo(once).startsWith(ConfIncludes.TOP);
    assertThat(once).contains("\nmax_connections = 100\n");
    assertThat(log)
        .anyMatch(
            l ->
                l.startsWith(
                    "PostgreSQL Database directory appears to contain a database; Skipping initialization"))
        .anyMatch(l -> l.startsWith("postgresql.conf sets max_connections, shared_buffers itself"));
    assertThat(read("aza-pg.healthcheck"))
        .contains("init=foreign\n", "check_role=\n", "database=ignored\n");
  }

  @Test
  void existingAzaPgDataDirectory_usesTheRecordedDatabase() throws Exception {
    env.put("POSTGRES_PASSWORD", "x");
    env.put("POSTGRES_DB", "first");
    startup().prepare(List.of());
    env.put("POSTGRES_DB", "second");
    startup().prepare(List.of());
    assertThat(read("aza-pg.healthcheck")).contains("database=first\n", "init=aza-pg\n");
  }

  @Test
  void failingInitFile_stopsWithItsName_marksFailed_keepsMarker() throws Exception {
    env.put("POSTGRES_PASSWORD", "x");
    Path bad = initDir.resolve("20-bad.sql");
    Files.writeString(bad, "SELECT nope;");
    server.failing(i -> i.argv().contains(bad.toString()) ? new Exec.Result(3, "", "") : null);

    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessage("init file " + bad + " failed (exit code 3; output above)");
    assertThat(server.sql)
        .anyMatch(s -> s.contains("'init file 20-bad.sql failed with exit code 3'"));
    assertThat(server.argvOf("pg_ctl")).hasSize(2);
    assertThat(pgdata.resolve(Startup.INIT_MARKER)).exists();

    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("did not complete");
  }

  @Test
  void failingExtension_failsInitLoudly() {
    env.put("POSTGRES_PASSWORD", "x");
    server.failing(
        i ->
            i.stdin().isPresent()
                    && new String(i.stdin().get(), StandardCharsets.UTF_8)
                        .contains("CREATE SCHEMA aza_pg")
                ? new Exec.Result(
                    3, "", "ERROR:  aza-pg: extensions failed to create: vector: boom")
                : null);
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessage(
            "the init steps failed: ERROR:  aza-pg: extensions failed to create: vector: boom");
    assertThat(server.argvOf("pg_ctl")).hasSize(2);
  }

  @Test
  void preloadOverride_unknownLibrary_refusedNamingIt() {
    env.put("POSTGRES_SHARED_PRELOAD_LIBRARIES", "pg_stat_statements,nosuchlib");
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessage(
            "POSTGRES_SHARED_PRELOAD_LIBRARIES=\"pg_stat_statements,nosuchlib\" is not valid: no library \"nosuchlib\" in "
                + tmp.resolve("lib"))
        .extracting(e -> ((AzaPgException) e).exitCode())
        .isEqualTo(ExitCode.INVALID_INPUT);
  }

  @Test
  void preloadOverride_leavesOutRequiredLibrary_extensionSkipped_healthRequiresNothing()
      throws Exception {
    env.put("POSTGRES_PASSWORD", "x");
    env.put("POSTGRES_SHARED_PRELOAD_LIBRARIES", "auto_explain");
    startup().prepare(List.of());
    assertThat(server.sql.get(1))
        .doesNotContain("CREATE EXTENSION IF NOT EXISTS \"pg_stat_statements\"")
        .contains("not created: pg_stat_statements");
    assertThat(read("aza-pg.healthcheck")).contains("required_preload=\n");
    assertThat(read("aza-pg.tuning.conf")).contains("shared_preload_libraries = 'auto_explain'");
  }

  @Test
  void preloadOverride_withALibraryOutsideTheDefaults_getsTheSettingsItsEntryNeeds()
      throws Exception {
    env.put("POSTGRES_PASSWORD", "x");
    env.put("POSTGRES_SHARED_PRELOAD_LIBRARIES", "pg_stat_statements,supautils");
    startup().prepare(List.of());
    // Without its setting supautils protects no role at all.
    assertThat(read("aza-pg.tuning.conf"))
        .contains("supautils.reserved_roles = 'postgres,replicator'")
        .contains("needed by the preloaded library supautils");
  }

  @Test
  void defaultPreload_hasNoSettingOfALibraryItDoesNotLoad() throws Exception {
    env.put("POSTGRES_PASSWORD", "x");
    startup().prepare(List.of());
    assertThat(read("aza-pg.tuning.conf")).doesNotContain("supautils.");
  }

  @Test
  void tuningOff_includeHasOnlyTheRuntimeLines() throws Exception {
    env.put("POSTGRES_PASSWORD", "x");
    env.put("AZA_PG_TUNE", "off");
    env.put("POSTGRES_MEMORY", "1g");
    env.put("POSTGRES_WAL_LEVEL", "minimal");
    startup().prepare(List.of());
    String include = read("aza-pg.tuning.conf");
    assertThat(include)
        .contains("wal_level = 'minimal'", "max_wal_senders = '0'")
        .doesNotContain("shared_buffers");
    assertThat(log).contains("warning: AZA_PG_TUNE=off: POSTGRES_MEMORY ignored");
  }

  @Test
  void replication_roleSlotAndHbaLine() throws Exception {
    env.put("POSTGRES_PASSWORD", "x");
    env.put("PG_REPLICATION_PASSWORD", "repsecret");
    env.put("REPLICATION_SLOT_NAME", "replica_9");
    startup().prepare(List.of());
    assertThat(server.sql.get(2))
        .contains("CREATE ROLE \"replicator\"")
        .contains("pg_create_physical_replication_slot('replica_9')")
        .doesNotContain("repsecret");
    assertThat(read("pg_hba.conf")).contains("host replication replicator all scram-sha-256\n");
  }

  @Test
  void synchronousStandbys_inTheInclude_butNotForTheInitsTemporaryServer() throws Exception {
    env.put("POSTGRES_PASSWORD", "x");
    env.put("POSTGRES_SYNCHRONOUS_STANDBY_NAMES", "replica_9");
    startup().prepare(List.of());
    assertThat(read("aza-pg.tuning.conf"))
        .contains("synchronous_standby_names = 'replica_9'")
        .contains("synchronous_commit = 'on'");
    List<String> pgctl = server.argvOf("pg_ctl").get(0);
    assertThat(pgctl.get(pgctl.indexOf("-o") + 1)).contains("-c synchronous_standby_names= ");

    Files.delete(pgdata.resolve("aza-pg.tuning.conf"));
    env.put("POSTGRES_SYNCHRONOUS_STANDBY_NAMES", "replica_9, replica_8,replica_9");
    startup().prepare(List.of());
    assertThat(read("aza-pg.tuning.conf"))
        .contains("synchronous_standby_names = 'ANY 1 (replica_9, replica_8)'");
  }

  @Test
  void synchronousStandbys_badName_refusedNamingTheVariable() {
    env.put("POSTGRES_PASSWORD", "x");
    env.put("POSTGRES_SYNCHRONOUS_STANDBY_NAMES", "replica_1,Bad Name");
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageStartingWith(
            "POSTGRES_SYNCHRONOUS_STANDBY_NAMES=\"replica_1,Bad Name\" is not valid: \"Bad Name\""
                + " is not a standby name");
    assertThat(Files.exists(pgdata)).isFalse();
  }

  @Test
  void synchronousStandbys_withoutThem_noLines() throws Exception {
    env.put("POSTGRES_PASSWORD", "x");
    startup().prepare(List.of());
    assertThat(read("aza-pg.tuning.conf")).doesNotContain("synchronous_");
  }

  @Test
  void oldLayout_refusedWithPgUpgradeHint() throws Exception {
    env.remove("PGDATA");
    // the default PGDATA is not under tmp, so point the check at a volume root with old data
    Files.createDirectories(tmp.resolve("volume/data"));
    Files.writeString(tmp.resolve("volume/data/PG_VERSION"), "17\n");
    assertThat(
            OldLayout.findings(
                Path.of(StartupConfigParser.DEFAULT_PGDATA),
                Path.of(StartupConfigParser.DEFAULT_PGDATA),
                tmp.resolve("volume"),
                ""))
        .containsExactly(tmp.resolve("volume/data").toString());
    assertThat(OldLayout.hints()).anyMatch(h -> h.contains("pg_upgrade"));
  }
}
