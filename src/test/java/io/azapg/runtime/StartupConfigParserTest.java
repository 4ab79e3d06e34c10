package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartupConfigParserTest {
  @TempDir Path tmp;

  private static StartupConfig parse(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return StartupConfigParser.parse(new Env(m));
  }

  private static String error(String... kv) {
    try {
      parse(kv);
    } catch (AzaPgException e) {
      assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
      return e.getMessage();
    }
    throw new AssertionError("no error");
  }

  @Test
  void parse_emptyEnvironment_officialDefaults() {
    StartupConfig c = parse();
    assertThat(c.pgdata()).isEqualTo(Path.of("/var/lib/postgresql/18/docker"));
    assertThat(c.port()).isEqualTo(5432);
    assertThat(c.superuser()).isEqualTo("postgres");
    assertThat(c.database()).isEqualTo("postgres");
    assertThat(c.password()).isEmpty();
    assertThat(c.initdbArgs()).isEmpty();
    assertThat(c.waldir()).isEmpty();
    assertThat(c.hostAuthMethod()).isEqualTo("scram-sha-256");
    assertThat(c.walLevel()).isEqualTo(WalLevel.LOGICAL);
    assertThat(c.preloadOverride()).isEmpty();
    assertThat(c.tune()).isTrue();
    assertThat(c.replicationPassword()).isEmpty();
    assertThat(c.replicationSlot()).isEqualTo("replica_slot_1");
    assertThat(c.role()).isEqualTo(ServerRole.PRIMARY);
  }

  @Test
  void parse_everyVariable_isRead() {
    StartupConfig c =
        parse(
            "PGDATA", "/data/pg/",
            "PGPORT", "6543",
            "POSTGRES_USER", "app user",
            "POSTGRES_PASSWORD", "s3cret",
            "POSTGRES_DB", "my db",
            "POSTGRES_INITDB_ARGS", "--data-checksums --locale-provider=icu --icu-locale='de DE'",
            "POSTGRES_INITDB_WALDIR", "/wal",
            "POSTGRES_HOST_AUTH_METHOD", "md5",
            "POSTGRES_WAL_LEVEL", "replica",
            "POSTGRES_SHARED_PRELOAD_LIBRARIES",
                " pg_stat_statements, auto_explain ,,pg_stat_statements",
            "AZA_PG_TUNE", "off",
            "POSTGRES_MEMORY", "2g",
            "POSTGRES_CPUS", "2",
            "POSTGRES_WORKLOAD_TYPE", "oltp",
            "POSTGRES_STORAGE_TYPE", "nvme",
            "PG_REPLICATION_PASSWORD", "rep",
            "REPLICATION_SLOT_NAME", "replica_2",
            "POSTGRES_ROLE", "replica");
    assertThat(c.pgdata()).isEqualTo(Path.of("/data/pg"));
    assertThat(c.port()).isEqualTo(6543);
    assertThat(c.superuser()).isEqualTo("app user");
    assertThat(c.password()).contains(new Secret("s3cret"));
    assertThat(c.database()).isEqualTo("my db");
    assertThat(c.initdbArgs())
        .containsExactly("--data-checksums", "--locale-provider=icu", "--icu-locale=de DE");
    assertThat(c.waldir()).contains(Path.of("/wal"));
    assertThat(c.hostAuthMethod()).isEqualTo("md5");
    assertThat(c.walLevel()).isEqualTo(WalLevel.REPLICA);
    assertThat(c.preloadOverride()).contains(List.of("pg_stat_statements", "auto_explain"));
    assertThat(c.tune()).isFalse();
    assertThat(c.tuneInputs())
        .isEqualTo(
            new StartupConfig.TuneInputs(
                Optional.of("2g"),
                Optional.of("2"),
                Optional.of("oltp"),
                Optional.of("nvme"),
                false,
                java.util.Map.of()));
    assertThat(c.replicationPassword()).contains(new Secret("rep"));
    assertThat(c.replicationSlot()).isEqualTo("replica_2");
    assertThat(c.role()).isEqualTo(ServerRole.REPLICA);
  }

  @Test
  void parse_databaseDefaultsToTheUser() {
    assertThat(parse("POSTGRES_USER", "alice").database()).isEqualTo("alice");
  }

  @Test
  void parse_emptyValuesCountAsUnset() {
    StartupConfig c = parse("POSTGRES_USER", "", "POSTGRES_WAL_LEVEL", "", "PGPORT", "");
    assertThat(c.superuser()).isEqualTo("postgres");
    assertThat(c.walLevel()).isEqualTo(WalLevel.LOGICAL);
    assertThat(c.port()).isEqualTo(5432);
  }

  @Test
  void parse_fileVariants_readTheFilesWithoutTrailingNewlines() throws Exception {
    Path pw = write("pw", "from file\n");
    Path user = write("user", "fileuser\r\n");
    Path db = write("db", "filedb");
    Path args = write("args", "--data-checksums\n");
    Path rep = write("rep", "reppw\n\n");
    StartupConfig c =
        parse(
            "POSTGRES_PASSWORD_FILE", pw.toString(),
            "POSTGRES_USER_FILE", user.toString(),
            "POSTGRES_DB_FILE", db.toString(),
            "POSTGRES_INITDB_ARGS_FILE", args.toString(),
            "PG_REPLICATION_PASSWORD_FILE", rep.toString());
    assertThat(c.password()).contains(new Secret("from file"));
    assertThat(c.superuser()).isEqualTo("fileuser");
    assertThat(c.database()).isEqualTo("filedb");
    assertThat(c.initdbArgs()).containsExactly("--data-checksums");
    assertThat(c.replicationPassword()).contains(new Secret("reppw"));
  }

  @ParameterizedTest
  @CsvSource({
    "POSTGRES_PASSWORD",
    "POSTGRES_USER",
    "POSTGRES_DB",
    "POSTGRES_INITDB_ARGS",
    "PG_REPLICATION_PASSWORD"
  })
  void parse_valueAndFileBothSet_oneLineError(String name) throws Exception {
    Path f = write("f", "x");
    assertThat(error(name, "value", name + "_FILE", f.toString()))
        .isEqualTo(
            "both " + name + " and " + name + "_FILE are set (but they are exclusive): set one");
  }

  @Test
  void parse_unreadableFile_namesTheVariableNotTheSecret() {
    assertThat(error("POSTGRES_PASSWORD_FILE", "/nonexistent/pw"))
        .isEqualTo("POSTGRES_PASSWORD_FILE=/nonexistent/pw cannot be read (no such file)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "POSTGRES_WAL_LEVEL;archive;POSTGRES_WAL_LEVEL=\"archive\" is not valid: expected one of minimal, replica, logical",
        "POSTGRES_ROLE;standby;POSTGRES_ROLE=\"standby\" is not valid: expected one of primary, replica",
        "AZA_PG_TUNE;maybe;AZA_PG_TUNE=\"maybe\" is not valid: expected on or off",
        "PGPORT;70000;PGPORT=\"70000\" is not valid: expected a port number from 1 to 65535",
        "PGPORT;abc;PGPORT=\"abc\" is not valid: expected a port number from 1 to 65535",
        "PGDATA;data;PGDATA=\"data\" is not valid: expected an absolute path",
        "POSTGRES_INITDB_WALDIR;wal;POSTGRES_INITDB_WALDIR=\"wal\" is not valid: expected an absolute path",
        "POSTGRES_HOST_AUTH_METHOD;scram;POSTGRES_HOST_AUTH_METHOD=\"scram\" is not valid: expected a pg_hba.conf method such as scram-sha-256, md5 or trust",
        "REPLICATION_SLOT_NAME;Replica-1;REPLICATION_SLOT_NAME=\"Replica-1\" is not valid: use 1 to 63 lower-case letters, digits or underscores",
        "POSTGRES_INITDB_ARGS;--locale='de;POSTGRES_INITDB_ARGS=\"--locale='de\" is not valid: a quote is not closed or it ends with a lone backslash",
        "POSTGRES_SHARED_PRELOAD_LIBRARIES;pg_cron,../evil;POSTGRES_SHARED_PRELOAD_LIBRARIES=\"pg_cron,../evil\" is not valid: \"../evil\" is not a library name (letters, digits, '_', '-', '.')",
      })
  void parse_invalidValue_oneLineNamingVariableAndValue(String name, String value, String message) {
    assertThat(error(name, value)).isEqualTo(message);
  }

  @Test
  void parse_slotNameTooLong_refused() {
    assertThat(error("REPLICATION_SLOT_NAME", "a".repeat(64)))
        .startsWith("REPLICATION_SLOT_NAME=\"aaaa");
    assertThat(parse("REPLICATION_SLOT_NAME", "a".repeat(63)).replicationSlot()).hasSize(63);
  }

  @Test
  void parse_namesLongerThan63Bytes_refused() {
    assertThat(error("POSTGRES_DB", "d".repeat(64)))
        .endsWith("is not valid: PostgreSQL names are at most 63 bytes long");
  }

  @Test
  void parse_reservedRoleNames_refused() {
    assertThat(error("POSTGRES_USER", "aza_pg_healthcheck"))
        .isEqualTo(
            "POSTGRES_USER=\"aza_pg_healthcheck\" is not valid: the name is reserved for the healthcheck role");
    assertThat(error("POSTGRES_USER", "replicator", "PG_REPLICATION_PASSWORD", "x"))
        .contains("reserved for the replication role");
    assertThat(parse("POSTGRES_USER", "replicator").superuser()).isEqualTo("replicator");
  }

  @Test
  void parse_trust_needsNoPassword() {
    StartupConfig c = parse("POSTGRES_HOST_AUTH_METHOD", "trust");
    assertThat(c.trustsEveryone()).isTrue();
    assertThat(c.password()).isEmpty();
  }

  @Test
  void secret_neverPrintsItsValue() {
    assertThat(new Secret("hunter2").toString()).doesNotContain("hunter2");
    assertThat(parse("POSTGRES_PASSWORD", "hunter2").toString()).doesNotContain("hunter2");
  }

  @Test
  void parse_walLevelIsCaseInsensitive() {
    assertThat(parse("POSTGRES_WAL_LEVEL", "MINIMAL").walLevel()).isEqualTo(WalLevel.MINIMAL);
  }

  private Path write(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void parse_bothSetCheckedEvenWhenValueEmptyIsIgnored() {
    assertThatThrownBy(() -> parse("POSTGRES_DB", "x", "POSTGRES_DB_FILE", "/nope"))
        .isInstanceOf(AzaPgException.class);
  }

  @Test
  void pooled_trueOrFalse_andAnythingElseIsRefused() {
    assertThat(parse().tuneInputs().pooled()).isFalse();
    assertThat(parse("POSTGRES_POOLED", "true").tuneInputs().pooled()).isTrue();
    assertThat(parse("POSTGRES_POOLED", "FALSE").tuneInputs().pooled()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("POSTGRES_POOLED", "maybe"))
        .hasMessage("POSTGRES_POOLED=\"maybe\" is not valid: expected true or false");
  }

  @Test
  void settingVariables_becomeUserValues() {
    assertThat(parse("POSTGRES_WORK_MEM", "8MB").tuneInputs().userValues())
        .containsEntry("work_mem", io.azapg.tune.Sourced.of("8MB", "POSTGRES_WORK_MEM"));
  }
}
