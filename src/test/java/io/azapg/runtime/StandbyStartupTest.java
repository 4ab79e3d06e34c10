package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.catalog.CatalogLoader;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POSTGRES_ROLE=replica} through {@link Startup}: pg_basebackup before any initdb, the
 * standby's settings at every start, the primary's floors, and every failure leaving the data
 * directory empty.
 */
class StandbyStartupTest {
  @TempDir Path tmp;
  private Path pgdata;
  private FakeServer server;
  private final List<String> log = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private final List<Map<String, String>> tunedWith = new ArrayList<>();

  /** A tuner that writes max_connections 26 unless a kept value says otherwise. */
  private final TuningEngine tuner =
      (inputs, workers) -> {
        Map<String, String> kept = new java.util.TreeMap<>();
        inputs.userValues().forEach((k, v) -> kept.put(k, v.value() + " (" + v.source() + ")"));
        tunedWith.add(kept);
        return new TuningEngine.Tuned(
            List.of(
                new Setting("shared_buffers", "64MB", "tuning", "an eighth"),
                new Setting(
                    "max_connections",
                    inputs.userValues().containsKey("max_connections")
                        ? inputs.userValues().get("max_connections").value()
                        : "26",
                    "tuning",
                    "budget")),
            "memory 512MB: max_connections=26",
            Map.of());
      };

  @BeforeEach
  void setUp() throws Exception {
    pgdata = tmp.resolve("volume/18/docker");
    Path lib = Files.createDirectories(tmp.resolve("lib"));
    for (String so : List.of("auto_explain.so", "pg_stat_statements.so", "vector.so")) {
      Files.writeString(lib.resolve(so), "");
    }
    Files.createDirectories(tmp.resolve("initdb.d"));
    Files.writeString(tmp.resolve("initdb.d/10-user.sql"), "CREATE TABLE never(i int);");
    Files.writeString(
        tmp.resolve("passwd"), "postgres:x:999:999:PostgreSQL:/var/lib/postgresql:/bin/bash\n");
    Files.writeString(
        tmp.resolve("status"), "Name:\tjava\nUid:\t999\t999\t999\t999\nGid:\t999\t999\t999\t999\n");
    server = new FakeServer(lib);
    env.put("PGDATA", pgdata.toString());
    env.put("POSTGRES_ROLE", "replica");
    env.put("PRIMARY_HOST", "postgres");
    env.put("PG_REPLICATION_PASSWORD", "rep:pw\\x");
    env.put("PRIMARY_WAIT_TIMEOUT", "1");
  }

  private Startup startup() {
    SystemPaths paths =
        new SystemPaths(
            tmp.resolve("initdb.d"),
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
        new CatalogLoader().load(Path.of("src/test/resources/runtime/catalog.json")),
        tuner,
        paths,
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
        "9.9.9");
  }

  /** The primary answers, the slot exists, pg_basebackup writes a standby copy. */
  private void healthyPrimary(String controlData) {
    server.failing(
        inv -> {
          String program = inv.argv().get(0);
          switch (program) {
            case "pg_isready":
              return new Exec.Result(0, "", "");
            case "psql":
              if (String.join(" ", inv.argv()).contains("replication=true")) {
                return new Exec.Result(0, "physical|0/3000000|1\n", "");
              }
              return null;
            case "pg_basebackup":
              copy();
              return new Exec.Result(0, "", "");
            case "pg_controldata":
              return new Exec.Result(0, controlData, "");
            default:
              return null;
          }
        });
  }

  private void copy() {
    try {
      Files.writeString(pgdata.resolve("PG_VERSION"), "18\n");
      Files.writeString(
          pgdata.resolve("postgresql.conf"), "include_if_exists = 'aza-pg.tuning.conf'\n");
      Files.writeString(
          pgdata.resolve("postgresql.auto.conf"),
          "# Do not edit this file manually!\nwork_mem = '8MB'\n"
              + "primary_conninfo = 'user=replicator passfile=''/tmp/aza-pg-1.tmp'''\n"
              + "primary_slot_name = 'replica_slot_1'\n");
      Files.writeString(pgdata.resolve("standby.signal"), "");
      Files.writeString(
          pgdata.resolve("aza-pg.cluster"), "user=postgres\ndatabase=app\ninitialized_by=aza-pg\n");
      Files.createDirectories(pgdata.resolve("base/1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void emptyDataDirectory_isCopiedFromThePrimary_neverInitialised() throws Exception {
    healthyPrimary("max_connections setting:              20\n");

    startup().prepare(List.of());

    assertThat(server.argvOf("initdb")).isEmpty();
    assertThat(server.argvOf("pg_ctl")).isEmpty();
    assertThat(server.sql).noneMatch(s -> s.contains("CREATE"));
    List<String> backup = server.argvOf("pg_basebackup").get(0);
    assertThat(backup)
        .contains(
            "--pgdata=" + pgdata,
            "--host=postgres",
            "--port=5432",
            "--username=replicator",
            "--write-recovery-conf",
            "--slot=replica_slot_1",
            "--wal-method=stream");
    for (Exec.Invocation call : server.calls) {
      assertThat(String.join(" ", call.argv())).doesNotContain("rep:pw");
      if (List.of("pg_isready", "psql", "pg_basebackup", "pg_controldata")
          .contains(call.argv().get(0))) {
        assertThat(call.env().values()).noneMatch(v -> v.contains("rep:pw"));
      }
    }
    assertThat(server.envOf("pg_basebackup"))
        .containsKey("PGPASSFILE")
        .containsEntry("PGSSLMODE", "prefer")
        .doesNotContainKey("PGSSLROOTCERT");
    assertThat(pgdata.resolve(Standby.ROOT_CERT)).doesNotExist();

    String auto = Files.readString(pgdata.resolve("postgresql.auto.conf"));
    assertThat(auto).contains("work_mem = '8MB'").doesNotContain("primary_conninfo");
    Path passfile = pgdata.resolve(Standby.PASSFILE);
    assertThat(Files.readString(passfile)).isEqualTo("*:*:*:replicator:rep\\:pw\\\\x\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passfile)))
        .isEqualTo("rw-------");
    String include = Files.readString(pgdata.resolve("aza-pg.tuning.conf"));
    assertThat(include)
        .contains(
            "primary_conninfo = 'host=''postgres'' port=5432 user=''replicator'' passfile=''"
                + passfile
                + "'' application_name=replica_slot_1 sslmode=prefer'")
        .contains("primary_slot_name = 'replica_slot_1'")
        .contains("hot_standby = 'on'")
        .contains("hot_standby_feedback = 'on'")
        .doesNotContain("rep:pw");
    assertThat(Files.readString(pgdata.resolve("aza-pg.healthcheck")))
        .contains("role=replica")
        .contains("database=app");
    assertThat(log).anyMatch(l -> l.contains("standby created from postgres:5432"));
  }

  @Test
  void verifyFull_checksThePrimaryWithTheCa_atBootstrapAndWhenStreaming() throws Exception {
    String ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    env.put("PRIMARY_SSLMODE", "verify-full");
    env.put("POSTGRES_TLS_CA", ca);
    List<String> rootCertAtBackup = new ArrayList<>();
    healthyPrimary("max_connections setting:              20\n");
    java.util.function.Function<Exec.Invocation, Exec.Result> copy = server.override();
    server.failing(
        inv -> {
          if (inv.argv().get(0).equals("pg_basebackup")) {
            try {
              rootCertAtBackup.add(Files.readString(Path.of(inv.env().get("PGSSLROOTCERT"))));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          return copy.apply(inv);
        });

    startup().prepare(List.of());

    assertThat(server.envOf("pg_basebackup")).containsEntry("PGSSLMODE", "verify-full");
    assertThat(server.envOf("psql")).containsEntry("PGSSLMODE", "verify-full");
    assertThat(rootCertAtBackup).containsExactly(ca);
    assertThat(Path.of(server.envOf("pg_basebackup").get("PGSSLROOTCERT")))
        .as("the temporary copy is gone")
        .doesNotExist();
    Path rootCert = pgdata.resolve(Standby.ROOT_CERT);
    assertThat(Files.readString(rootCert)).isEqualTo(ca + "\n");
    assertThat(Files.readString(pgdata.resolve("aza-pg.tuning.conf")))
        .contains("sslmode=verify-full sslrootcert=''" + rootCert + "''");
  }

  @Test
  void verifyWithoutCa_orAnUnknownSslMode_isRefusedNamingPrimarySslmode() {
    env.put("PRIMARY_SSLMODE", "verify-ca");
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageStartingWith("PRIMARY_SSLMODE")
        .hasMessageContaining("POSTGRES_TLS_CA_FILE");
    env.put("PRIMARY_SSLMODE", "sometimes");
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageStartingWith("PRIMARY_SSLMODE")
        .hasMessageContaining("verify-full");
    assertThat(pgdata).doesNotExist();
    assertThat(server.calls).isEmpty();
  }

  @Test
  void primaryWithMoreConnections_retunesAroundItsValues() throws Exception {
    healthyPrimary(
        "max_connections setting:              120\nmax_wal_senders setting:              20\n"
            + "max_locks_per_xact setting:           64\n");

    startup().prepare(List.of());

    String alterSystem = "8MB (postgresql.auto.conf (ALTER SYSTEM))";
    assertThat(tunedWith)
        .as("the copy's ALTER SYSTEM value is kept; the primary's max_connections joins it")
        .containsExactly(
            Map.of("work_mem", alterSystem),
            Map.of(
                "work_mem", alterSystem, "max_connections", "120 (" + StandbyFloors.SOURCE + ")"));
    String include = Files.readString(pgdata.resolve("aza-pg.tuning.conf"));
    assertThat(include)
        .contains("max_connections = '120'")
        .contains("max_wal_senders = '20'")
        .doesNotContain("max_locks_per_transaction");
  }

  @Test
  void missingSlot_failsWithTheFix_andWritesNothing() throws Exception {
    server.failing(
        inv ->
            switch (inv.argv().get(0)) {
              case "pg_isready" -> new Exec.Result(0, "", "");
              case "psql" -> new Exec.Result(0, "||\n", "");
              default -> null;
            });

    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage()).startsWith("REPLICATION_SLOT_NAME=\"replica_slot_1\"");
              assertThat(e.hints())
                  .anyMatch(
                      h -> h.contains("pg_create_physical_replication_slot('replica_slot_1')"));
            });
    assertThat(server.argvOf("pg_basebackup")).isEmpty();
    assertThat(entries(pgdata)).isEmpty();
  }

  @Test
  void unreachablePrimary_timesOutNamingHostAndPort_andWritesNothing() throws Exception {
    server.failing(
        inv -> inv.argv().get(0).equals("pg_isready") ? new Exec.Result(2, "", "") : null);

    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.TIMEOUT);
              assertThat(e.getMessage())
                  .startsWith("PRIMARY_HOST=postgres PRIMARY_PORT=5432")
                  .contains("within 1 s");
            });
    assertThat(entries(pgdata)).isEmpty();
  }

  @Test
  void wrongPassword_namesTheVariable() {
    server.failing(
        inv ->
            switch (inv.argv().get(0)) {
              case "pg_isready" -> new Exec.Result(0, "", "");
              case "psql" ->
                  new Exec.Result(
                      2,
                      "",
                      "psql: error: FATAL:  password authentication failed for user \"replicator\"");
              default -> null;
            });

    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageStartingWith("PG_REPLICATION_PASSWORD is not valid")
        .hasMessageNotContaining("rep:pw");
  }

  @Test
  void failedCopy_emptiesTheDataDirectoryAgain() throws Exception {
    server.failing(
        inv ->
            switch (inv.argv().get(0)) {
              case "pg_isready" -> new Exec.Result(0, "", "");
              case "psql" -> new Exec.Result(0, "physical||\n", "");
              case "pg_basebackup" -> {
                copy();
                yield new Exec.Result(1, "", "");
              }
              default -> null;
            });

    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("pg_basebackup from postgres:5432 failed with exit code 1")
        .hasMessageContaining("emptied again");
    assertThat(entries(pgdata)).isEmpty();
  }

  @Test
  void strayFiles_areRefused_neverDeleted() throws Exception {
    Files.createDirectories(pgdata);
    Files.writeString(pgdata.resolve("notes.txt"), "mine");
    healthyPrimary("");

    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("holds no cluster but is not empty")
        .hasMessageContaining("notes.txt");
    assertThat(pgdata.resolve("notes.txt")).hasContent("mine");
    assertThat(server.argvOf("pg_basebackup")).isEmpty();
  }

  @Test
  void existingStandby_isNotCopiedAgain_butGetsItsSettingsAndPassfile() throws Exception {
    healthyPrimary("");
    startup().prepare(List.of());
    server.calls.clear();
    env.put("PRIMARY_HOST", "new-primary");
    env.put("PG_REPLICATION_PASSWORD", "rotated");

    startup().prepare(List.of());

    assertThat(server.argvOf("pg_basebackup")).isEmpty();
    assertThat(Files.readString(pgdata.resolve(Standby.PASSFILE)))
        .isEqualTo("*:*:*:replicator:rotated\n");
    assertThat(Files.readString(pgdata.resolve("aza-pg.tuning.conf")))
        .contains("host=''new-primary''");
  }

  @Test
  void promotedStandby_warnsAndStartsAsPrimary() throws Exception {
    healthyPrimary("");
    startup().prepare(List.of());
    Files.delete(pgdata.resolve("standby.signal"));
    log.clear();

    startup().prepare(List.of());

    assertThat(log).anyMatch(l -> l.startsWith("warning:") && l.contains("promoted"));
  }

  @Test
  void badInputs_nameTheVariable_beforeAnythingIsWritten() {
    Map<String, String> cases =
        Map.of(
            "PRIMARY_HOST", "",
            "PRIMARY_PORT", "70000",
            "PRIMARY_WAIT_TIMEOUT", "soon",
            "PG_REPLICATION_PASSWORD", "",
            "REPLICATION_SLOT_NAME", "Bad-Slot",
            "POSTGRES_WAL_LEVEL", "minimal");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Map<String, String> saved = new HashMap<>(env);
      env.put(c.getKey(), c.getValue());
      assertThatThrownBy(() -> startup().prepare(List.of()))
          .as(c.getKey())
          .isInstanceOfSatisfying(
              AzaPgException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
                assertThat(e.getMessage()).startsWith(c.getKey());
                assertThat(e.getMessage()).doesNotContain("\n");
              });
      assertThat(pgdata).doesNotExist();
      assertThat(server.calls).isEmpty();
      env.clear();
      env.putAll(saved);
    }
  }

  @Test
  void multiLinePassword_isRefusedWithoutEchoingIt() {
    env.put("PG_REPLICATION_PASSWORD", "line1\nline2");
    assertThatThrownBy(() -> startup().prepare(List.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageStartingWith("PG_REPLICATION_PASSWORD is not valid")
        .hasMessageNotContaining("line1");
  }

  private static List<Path> entries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
