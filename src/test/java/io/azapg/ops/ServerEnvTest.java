package io.azapg.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerEnvTest {
  @TempDir Path home;

  @Test
  void connectionVariablesPass_passwordBecomesAFileNeverAVariable() {
    ServerEnv s =
        ServerEnv.from(
            Map.of(
                "PGHOST", "db.example.com",
                "PGPORT", "6432",
                "PGUSER", "app",
                "PGDATABASE", "shop",
                "PGPASSWORD", "s3:cr\\et",
                "PGSSLMODE", "require",
                "HOME", "/root"),
            home,
            "root");
    assertThat(s.env())
        .containsEntry("PGHOST", "db.example.com")
        .containsEntry("PGPORT", "6432")
        .containsEntry("PGUSER", "app")
        .containsEntry("PGDATABASE", "shop")
        .containsEntry("PGSSLMODE", "require")
        .containsEntry("PGPASSFILE", ServerEnv.PASSFILE)
        .doesNotContainKeys("PGPASSWORD", "HOME");
    assertThat(s.env().values()).noneMatch(v -> v.contains("s3"));
    // libpq's password file escapes ':' and '\' with a backslash
    assertThat(new String(s.passfile().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("*:*:*:*:s3\\:cr\\\\et\n");
    assertThat(s.database()).isEqualTo("shop");
    assertThat(s.description()).contains("db.example.com port 6432", "user app");
  }

  @Test
  void userAndDatabaseDefaultAsLibpqDoes() {
    ServerEnv s = ServerEnv.from(Map.of("PGHOST", "127.0.0.1"), home, "alice");
    assertThat(s.env()).containsEntry("PGUSER", "alice").doesNotContainKey("PGPASSFILE");
    assertThat(s.database()).isEqualTo("alice");
    assertThat(s.passfile()).isEmpty();
  }

  @Test
  void passwordFileIsCarriedAsItIs_fromPgpassfileOrHome() throws IOException {
    Path named = Files.writeString(home.resolve("named"), "h:5432:db:u:pw1\n");
    ServerEnv fromNamed =
        ServerEnv.from(Map.of("PGHOST", "h", "PGPASSFILE", named.toString()), home, "u");
    assertThat(new String(fromNamed.passfile().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("h:5432:db:u:pw1\n");
    Files.writeString(home.resolve(".pgpass"), "*:*:*:*:pw2\n");
    ServerEnv fromHome = ServerEnv.from(Map.of("PGHOST", "h"), home, "u");
    assertThat(new String(fromHome.passfile().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("*:*:*:*:pw2\n");
  }

  @Test
  void badInput_isRefusedNamingTheVariable_neverItsSecret() {
    refused(Map.of(), "--pg-env needs PGHOST");
    refused(Map.of("PGHOST", "/var/run/postgresql"), "PGHOST=/var/run/postgresql names a Unix");
    refused(Map.of("PGHOST", "h", "PGPORT", "54x2"), "PGPORT=54x2 is not a TCP port");
    refused(Map.of("PGHOST", "h", "PGPORT", "70000"), "PGPORT=70000 is not a TCP port");
    refused(Map.of("PGHOST", "h", "PGSSLKEY", "/k"), "PGSSLKEY is set");
    refused(Map.of("PGHOST", "h", "PGSERVICE", "prod"), "PGSERVICE is set");
    refused(Map.of("PGHOST", "h", "PGPASSFILE", "/no/such/file"), "PGPASSFILE=/no/such/file");
    refused(Map.of("PGHOST", "h", "PGSSLROOTCERT", "/no/ca.crt"), "PGSSLROOTCERT=/no/ca.crt");
    assertThatThrownBy(
            () -> ServerEnv.from(Map.of("PGHOST", "h", "PGPASSWORD", "top\nsecret"), home, "u"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("PGPASSWORD contains a line break")
        .hasMessageNotContaining("secret");
  }

  @Test
  void multiHostListsAndRootCertificate() throws IOException {
    Path ca = Files.writeString(home.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
    ServerEnv s =
        ServerEnv.from(
            Map.of(
                "PGHOST", "a,b",
                "PGPORT", "5432,",
                "PGSSLMODE", "verify-full",
                "PGSSLROOTCERT", ca.toString()),
            home,
            "u");
    assertThat(s.env()).containsEntry("PGSSLROOTCERT", ServerEnv.ROOT_CERT);
    assertThat(s.rootCert()).contains(ca);
  }

  private void refused(Map<String, String> env, String message) {
    assertThatThrownBy(() -> ServerEnv.from(env, home, "u"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining(message);
  }
}
