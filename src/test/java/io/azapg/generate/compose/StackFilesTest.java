package io.azapg.generate.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.common.AzaPgException;
import io.azapg.generate.GeneratedFile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rendered stacks: structure, defaults, what flows from the options, and their refusals. */
class StackFilesTest {
  private static final Catalog CATALOG = new CatalogLoader().loadBundled();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Map<String, String> render(StackOptions options, boolean fromEnvironment) {
    StackNames names =
        fromEnvironment
            ? StackNames.committed(options)
            : new StackNames("proj", "proj-net", "prim-net", "/state/secrets");
    Map<String, String> files = new java.util.TreeMap<>();
    for (GeneratedFile f : StackFiles.render(options, names, CATALOG, "d", fromEnvironment)) {
      files.put(f.path().substring(2), f.content());
    }
    return files;
  }

  private static JsonNode compose(Map<String, String> files) throws Exception {
    return YAML.readTree(files.get("compose.yaml"));
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void primary_fourServicesFromOneImage_withLimitsHealthchecksAndOrder() throws Exception {
    JsonNode c = compose(render(StackOptions.defaults(StackKind.PRIMARY), true));
    JsonNode services = c.get("services");
    assertThat(names(services))
        .containsExactly("postgres", "pgbouncer", "postgres-exporter", "pgbouncer-exporter");
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode s = e.getValue();
      assertThat(s.get("image").asText())
          .as(e.getKey())
          .isEqualTo("${AZA_PG_IMAGE:-localhost/aza-pg:18}");
      assertThat(s.get("restart").asText()).isEqualTo("unless-stopped");
      assertThat(s.at("/deploy/resources/limits/memory").asText()).isNotEmpty();
      assertThat(s.at("/deploy/resources/limits/cpus").asText()).isNotEmpty();
      assertThat(s.at("/healthcheck/test").size()).isGreaterThan(1);
      assertThat(s.get("ports").get(0).asText()).startsWith("${AZA_PG_BIND:-127.0.0.1}:");
      s.path("environment")
          .fields()
          .forEachRemaining(
              v ->
                  assertThat(v.getKey())
                      .as("passwords arrive as files")
                      .matches(k -> !k.contains("PASSWORD") || k.endsWith("_FILE")));
    }
    assertThat(services.at("/pgbouncer/depends_on/postgres/condition").asText())
        .isEqualTo("service_healthy");
    assertThat(services.at("/postgres-exporter/depends_on/postgres/condition").asText())
        .isEqualTo("service_healthy");
    assertThat(services.at("/pgbouncer-exporter/depends_on/pgbouncer/condition").asText())
        .isEqualTo("service_healthy");
    assertThat(services.at("/postgres/environment/POSTGRES_POOLED").asText()).isEqualTo("true");
    assertThat(services.at("/postgres/deploy/resources/limits/memory").asText()).isEqualTo("1024m");
    assertThat(c.at("/networks/backend/name").asText())
        .isEqualTo("${AZA_PG_NETWORK:-aza-pg-primary-net}");
    assertThat(names(c.get("secrets"))).containsExactlyElementsOf(Secrets.of(StackKind.PRIMARY));
    assertThat(c.at("/volumes").has("data")).isTrue();
  }

  @Test
  void primary_poolSizesDeriveFromTheTunedMaxConnections() {
    for (String memory : List.of("1GB", "2GB", "8GB")) {
      for (String cpus : List.of("1", "2", "4")) {
        StackOptions o =
            StackOptions.defaults(StackKind.PRIMARY)
                .with(List.of("memory=" + memory, "cpus=" + cpus));
        StackSizing s = StackSizing.of(o, CATALOG);
        assertThat(
                s.serverConnections()
                    + StackSizing.SUPERUSER_RESERVED
                    + StackSizing.DIRECT_HEADROOM)
            .as(memory + "/" + cpus)
            .isEqualTo(s.maxConnections());
        assertThat(s.defaultPool() + s.reservePool()).isEqualTo(s.serverConnections());
        assertThat(s.reservePool()).isPositive();
        String ini = render(o, true).get("pgbouncer.ini");
        assertThat(ini)
            .contains("max_db_connections = " + s.serverConnections() + "\n")
            .contains("default_pool_size = " + s.defaultPool() + "\n")
            .contains("reserve_pool_size = " + s.reservePool() + "\n")
            .contains("max_connections = " + s.maxConnections());
      }
    }
    StackSizing one = StackSizing.of(StackOptions.defaults(StackKind.PRIMARY), CATALOG);
    StackSizing four =
        StackSizing.of(
            StackOptions.defaults(StackKind.PRIMARY).with(List.of("memory=4GB", "cpus=8")),
            CATALOG);
    assertThat(four.maxConnections()).isGreaterThan(one.maxConnections());
  }

  @Test
  void pgbouncerIni_transactionPoolingScramAuthQueryAndPreparedStatements() {
    String ini = render(StackOptions.defaults(StackKind.PRIMARY), true).get("pgbouncer.ini");
    assertThat(ini)
        .contains("pool_mode = transaction\n")
        .contains("auth_type = scram-sha-256\n")
        .contains("auth_user = pgbouncer_auth\n")
        .contains("auth_query = SELECT username, password FROM pgbouncer.get_auth($1)\n")
        .contains("auth_dbname = postgres\n")
        .contains("max_prepared_statements = 200\n")
        .contains("stats_users = pgbouncer_stats\n")
        .contains("admin_users = pgbouncer_admin\n")
        .contains("max_client_conn = 1000\n");
  }

  @Test
  void maxClients_raisesPgBouncersMemory() throws Exception {
    StackOptions o = StackOptions.defaults(StackKind.PRIMARY).with(List.of("max-clients=10000"));
    JsonNode c = compose(render(o, true));
    assertThat(c.at("/services/pgbouncer/deploy/resources/limits/memory").asText())
        .isEqualTo("192m");
    assertThat(render(o, true).get("pgbouncer.ini")).contains("max_client_conn = 10000\n");
  }

  @Test
  void runStack_hasEveryValueWrittenIn_andServerSettingsAsFlags() throws Exception {
    StackOptions o =
        StackOptions.defaults(StackKind.SINGLE)
            .with(List.of("port=15432", "wal-level=minimal", "pg.log_min_duration_statement=250"));
    Map<String, String> files = render(o, false);
    assertThat(files).doesNotContainKey(".env.example");
    assertThat(files.get("compose.yaml")).doesNotContain("${");
    JsonNode c = compose(files);
    assertThat(c.get("name").asText()).isEqualTo("proj");
    JsonNode pg = c.at("/services/postgres");
    assertThat(pg.get("ports").get(0).asText()).isEqualTo("127.0.0.1:15432:5432");
    assertThat(pg.at("/environment/POSTGRES_WAL_LEVEL").asText()).isEqualTo("minimal");
    assertThat(pg.get("command").toString())
        .isEqualTo("[\"postgres\",\"-c\",\"log_min_duration_statement=250\"]");
    assertThat(c.at("/secrets/postgres-password/file").asText())
        .isEqualTo("/state/secrets/postgres-password");
    assertThat(names(c.get("services"))).containsExactly("postgres", "postgres-exporter");
    assertThat(pg.has("environment") && pg.get("environment").has("POSTGRES_POOLED")).isFalse();
  }

  @Test
  void dollarSigns_reachPostgresLiterally_notComposesInterpolation() throws Exception {
    StackOptions o =
        StackOptions.defaults(StackKind.SINGLE).with(List.of("pg.log_line_prefix=%m $USER "));
    assertThat(render(o, false).get("compose.yaml")).contains("log_line_prefix=%m $$USER");
    assertThat(render(o, true).get("compose.yaml")).contains("log_line_prefix=%m $$USER");
    assertThatThrownBy(() -> o.with(List.of("bind=::1"))).hasMessageContaining("an IPv4 address");
  }

  @Test
  void tlsOn_serverAndPgBouncerGetTheCertificateAsSecrets_pgBouncerRequiresAndVerifiesTls()
      throws Exception {
    StackOptions o = StackOptions.defaults(StackKind.PRIMARY).with(List.of("tls=on"));
    Map<String, String> files = render(o, false);
    JsonNode c = compose(files);
    for (String service : List.of("postgres", "pgbouncer")) {
      String prefix = service.equals("postgres") ? "POSTGRES" : "PGBOUNCER";
      JsonNode env = c.at("/services/" + service + "/environment");
      assertThat(env.get(prefix + "_TLS_CERT_FILE").asText()).isEqualTo("/run/secrets/tls-cert");
      assertThat(env.get(prefix + "_TLS_KEY_FILE").asText()).isEqualTo("/run/secrets/tls-key");
      assertThat(env.get(prefix + "_TLS_CA_FILE").asText()).isEqualTo("/run/secrets/tls-ca");
      assertThat(c.at("/services/" + service + "/secrets").toString())
          .contains("\"tls-cert\"", "\"tls-key\"", "\"tls-ca\"");
    }
    assertThat(c.at("/secrets/tls-key/file").asText()).isEqualTo("/state/secrets/tls/server.key");
    assertThat(c.at("/secrets/tls-cert/file").asText()).isEqualTo("/state/secrets/tls/server.crt");
    assertThat(c.at("/secrets/tls-ca/file").asText()).isEqualTo("/state/secrets/tls/ca.crt");
    assertThat(c.at("/services/postgres-exporter/environment/DATA_SOURCE_NAME").asText())
        .endsWith("?sslmode=require");
    assertThat(c.at("/services/pgbouncer-exporter/command").toString())
        .contains("pgbouncer:6432/pgbouncer?sslmode=require");
    assertThat(files.get("pgbouncer.ini"))
        .contains("client_tls_sslmode = require\n")
        .contains("client_tls_cert_file = /run/aza-pg/pgbouncer/server.crt\n")
        .contains("client_tls_key_file = /run/aza-pg/pgbouncer/server.key\n")
        .contains("server_tls_sslmode = verify-full\n")
        .contains("server_tls_ca_file = /run/aza-pg/pgbouncer/ca.crt\n")
        .contains("* = host=postgres port=5432\n")
        .doesNotContain("server_tls_sslmode = prefer");

    Map<String, String> plain = render(StackOptions.defaults(StackKind.PRIMARY), false);
    assertThat(plain.get("compose.yaml")).doesNotContain("TLS_").doesNotContain("tls-key");
    assertThat(plain.get("pgbouncer.ini"))
        .contains("server_tls_sslmode = prefer\n")
        .doesNotContain("client_tls");
    JsonNode replica =
        compose(render(StackOptions.defaults(StackKind.REPLICA).with(List.of("tls=on")), false));
    assertThat(replica.at("/services/replica/environment/POSTGRES_TLS_KEY_FILE").asText())
        .isEqualTo("/run/secrets/tls-key");
    assertThat(replica.at("/services/replica/environment/PRIMARY_SSLMODE").asText())
        .as("the replica verifies its primary's certificate with the CA")
        .isEqualTo("verify-full");
    assertThat(c.at("/services/postgres/environment").has("PRIMARY_SSLMODE")).isFalse();
    assertThat(
            catchThrowable(() -> StackOptions.defaults(StackKind.SINGLE).with(List.of("tls=yes"))))
        .hasMessageContaining("--set tls=yes is not valid: expected on or off");
  }

  @Test
  void replica_joinsThePrimarysNetwork_andUsesItsSecrets() throws Exception {
    JsonNode c = compose(render(StackOptions.defaults(StackKind.REPLICA), true));
    assertThat(names(c.get("services"))).containsExactly("replica", "postgres-exporter");
    JsonNode replica = c.at("/services/replica");
    assertThat(replica.at("/environment/POSTGRES_ROLE").asText()).isEqualTo("replica");
    assertThat(replica.at("/environment/PRIMARY_HOST").asText())
        .isEqualTo("${PRIMARY_HOST:-postgres}");
    assertThat(replica.get("ports").get(0).asText()).endsWith(":${POSTGRES_PORT:-5433}:5432");
    assertThat(c.at("/networks/primary/external").asBoolean()).isTrue();
    assertThat(c.at("/networks/primary/name").asText())
        .isEqualTo("${PRIMARY_NETWORK:-aza-pg-primary-net}");
    assertThat(c.at("/services/postgres-exporter/networks").toString()).isEqualTo("[\"replica\"]");
    assertThat(c.at("/secrets/replication-password/file").asText())
        .isEqualTo("${AZA_PG_SECRETS:-../primary/secrets}/replication-password");
    assertThat(render(StackOptions.defaults(StackKind.REPLICA), true).get(".env.example"))
        .contains("PRIMARY_NETWORK=aza-pg-primary-net\n")
        .contains("POSTGRES_PORT=5433\n");
  }

  @Test
  void envExample_listsEveryVariableTheComposeFileReads() {
    for (StackKind kind : StackKind.values()) {
      Map<String, String> files = render(StackOptions.defaults(kind), true);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\\$\\{([A-Z_]+):-").matcher(files.get("compose.yaml"));
      while (m.find()) {
        assertThat(files.get(".env.example"))
            .as(kind + " " + m.group(1))
            .contains(m.group(1) + "=");
      }
    }
  }

  @Test
  void synchronous_namesTheSlotAsTheStandby_offByDefault_primaryOnly() throws Exception {
    JsonNode async = compose(render(StackOptions.defaults(StackKind.PRIMARY), true));
    assertThat(async.at("/services/postgres/environment").has("POSTGRES_SYNCHRONOUS_STANDBY_NAMES"))
        .isFalse();
    StackOptions on = StackOptions.defaults(StackKind.PRIMARY).with(List.of("synchronous=on"));
    assertThat(
            compose(render(on, true))
                .at("/services/postgres/environment/POSTGRES_SYNCHRONOUS_STANDBY_NAMES")
                .asText())
        .isEqualTo("${REPLICATION_SLOT_NAME:-replica_slot_1}");
    assertThat(
            compose(render(on.with(List.of("slot=replica_7")), false))
                .at("/services/postgres/environment/POSTGRES_SYNCHRONOUS_STANDBY_NAMES")
                .asText())
        .isEqualTo("replica_7");
    assertThatThrownBy(() -> on.with(List.of("synchronous=yes")))
        .hasMessage("--set synchronous=yes is not valid: expected on or off");
    assertThatThrownBy(
            () -> StackOptions.defaults(StackKind.REPLICA).with(List.of("synchronous=on")))
        .hasMessageContaining("the replica stack has no such option");
    assertThat(on.changesFrom(StackOptions.defaults(StackKind.PRIMARY)))
        .containsExactly(Map.entry("synchronous", List.of("off", "on")));
    assertThat(StackOption.SYNCHRONOUS.recreatable(StackKind.PRIMARY)).isTrue();
  }

  @Test
  void options_refuseUnknownNamesBadValuesAndMinimalWalForReplication() {
    StackOptions primary = StackOptions.defaults(StackKind.PRIMARY);
    assertThatThrownBy(() -> primary.with(List.of("primary-host=x")))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("the primary stack has no such option");
    assertThatThrownBy(() -> primary.with(List.of("port=99999")))
        .hasMessageStartingWith("--set port=99999 is not valid");
    assertThatThrownBy(() -> primary.with(List.of("memory=lots")))
        .hasMessageStartingWith("--set memory=lots is not valid");
    assertThatThrownBy(() -> primary.with(List.of("wal-level=minimal")))
        .hasMessageContaining("replication needs replica or logical");
    assertThatThrownBy(() -> primary.with(List.of("noequals")))
        .hasMessageContaining("is not NAME=VALUE");
    assertThatThrownBy(() -> primary.with(List.of("pg.Bad Name=1")))
        .hasMessageContaining("expected pg.<setting>=<value>");
    assertThat(
            StackOptions.defaults(StackKind.SINGLE)
                .with(List.of("wal-level=minimal"))
                .get(StackOption.WAL_LEVEL))
        .isEqualTo("minimal");
  }

  @Test
  void walArchive_off_byDefault_noRepositoryVolumeNoConfig() throws Exception {
    Map<String, String> files = render(StackOptions.defaults(StackKind.SINGLE), true);
    assertThat(files).doesNotContainKey("pgbackrest.conf");
    JsonNode c = compose(files);
    assertThat(names(c.get("volumes"))).containsExactly("data");
    assertThat(c.at("/services/postgres/command").isMissingNode()).isTrue();
  }

  @Test
  void walArchive_on_pushesWalWithPgBackRest_toTheStacksOwnVolume() throws Exception {
    for (StackKind kind : List.of(StackKind.SINGLE, StackKind.PRIMARY)) {
      Map<String, String> files =
          render(StackOptions.defaults(kind).with(StackOption.WAL_ARCHIVE, "on"), true);
      JsonNode c = compose(files);
      List<String> command = new ArrayList<>();
      c.at("/services/postgres/command").forEach(n -> command.add(n.asText()));
      assertThat(command)
          .as(kind.id())
          .containsSubsequence(
              "-c",
              "archive_mode=on",
              "-c",
              "archive_command=pgbackrest --stanza=aza-pg archive-push %p");
      List<String> volumes = new ArrayList<>();
      c.at("/services/postgres/volumes").forEach(n -> volumes.add(n.asText()));
      assertThat(volumes)
          .containsExactly(
              "data:/var/lib/postgresql",
              "pgbackrest:/var/lib/pgbackrest",
              "./pgbackrest.conf:/etc/pgbackrest/pgbackrest.conf:ro");
      assertThat(names(c.get("volumes"))).containsExactly("data", "pgbackrest");
      assertThat(files.get("pgbackrest.conf"))
          .contains("repo1-path=/var/lib/pgbackrest\n")
          .contains("[aza-pg]\npg1-path=/var/lib/postgresql/18/docker\n");
    }
  }

  @Test
  void walArchive_isRefused_forReplicas_withMinimalWal_andForBadValues() {
    assertThatThrownBy(
            () -> StackOptions.defaults(StackKind.REPLICA).with(List.of("wal-archive=on")))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("--set wal-archive: the replica stack has no such option");
    assertThatThrownBy(
            () ->
                StackOptions.defaults(StackKind.SINGLE)
                    .with(List.of("wal-level=minimal", "wal-archive=on")))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("wal-archive=on and wal-level=minimal together");
    assertThatThrownBy(
            () -> StackOptions.defaults(StackKind.SINGLE).with(List.of("wal-archive=yes")))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("--set wal-archive=yes is not valid: expected on or off");
  }

  @Test
  void changes_areListedWithOldAndNewValues() {
    StackOptions before = StackOptions.defaults(StackKind.PRIMARY);
    StackOptions after = before.with(List.of("memory=2GB", "pg.work_mem=8MB"));
    assertThat(after.changesFrom(before))
        .containsEntry("memory", List.of("1GB", "2GB"))
        .containsEntry("pg.work_mem", List.of("", "8MB"))
        .hasSize(2);
    assertThat(StackOption.DATABASE.recreatable(StackKind.PRIMARY)).isFalse();
    assertThat(StackOption.MEMORY.recreatable(StackKind.PRIMARY)).isTrue();
  }
}
