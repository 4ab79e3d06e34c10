package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential files PgBouncer and the exporters read, written from secret files. */
class SidecarTest {
  @TempDir Path tmp;

  private Path secret(String name, String value) throws Exception {
    Path f = tmp.resolve("secrets").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, value + "\n");
    return f;
  }

  private Sidecar sidecar(Map<String, String> env) {
    return new Sidecar(new Env(env), tmp.resolve("run"), "", false);
  }

  @Test
  void pgbouncer_authFileHasThePlainAuthPasswordAndScramForStatsAndAdmin() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PGBOUNCER_AUTH_PASSWORD_FILE", secret("auth", "a\"uth").toString());
    env.put("PGBOUNCER_STATS_PASSWORD_FILE", secret("stats", "st:ats").toString());
    env.put("PGBOUNCER_ADMIN_PASSWORD_FILE", secret("admin", "adm").toString());

    Path dir = sidecar(env).prepare(Sidecar.Service.PGBOUNCER);

    String userlist = Files.readString(dir.resolve("userlist.txt"));
    assertThat(userlist.lines())
        .hasSize(3)
        .anyMatch(l -> l.equals("\"pgbouncer_auth\" \"a\"\"uth\""))
        .anyMatch(l -> l.startsWith("\"pgbouncer_stats\" \"SCRAM-SHA-256$4096:"))
        .anyMatch(l -> l.startsWith("\"pgbouncer_admin\" \"SCRAM-SHA-256$4096:"));
    assertThat(userlist).doesNotContain("st:ats").doesNotContain("adm\"");
    assertThat(Files.readString(dir.resolve("pgpass")))
        .isEqualTo("*:*:*:pgbouncer_stats:st\\:ats\n");
    for (String f : new String[] {"userlist.txt", "pgpass"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }

  @Test
  void pgbouncer_tlsFilesAreCopiedForItsUser0600_allThreeOrNone() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PGBOUNCER_AUTH_PASSWORD_FILE", secret("auth", "a").toString());
    env.put("PGBOUNCER_STATS_PASSWORD_FILE", secret("stats", "s").toString());
    env.put("PGBOUNCER_ADMIN_PASSWORD_FILE", secret("admin", "d").toString());
    Path plain = sidecar(env).prepare(Sidecar.Service.PGBOUNCER);
    assertThat(plain.resolve("server.key")).doesNotExist();

    String key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----";
    env.put("PGBOUNCER_TLS_CERT_FILE", secret("crt", "CERT\nLINES").toString());
    env.put("PGBOUNCER_TLS_KEY_FILE", secret("key", key).toString());
    Map<String, String> partial = new HashMap<>(env);
    assertThatThrownBy(() -> sidecar(partial).prepare(Sidecar.Service.PGBOUNCER))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("PGBOUNCER_TLS_CA_FILE not set")
        .hasMessageNotContaining("AAAA");

    env.put("PGBOUNCER_TLS_CA_FILE", secret("ca", "CA").toString());
    Path dir = sidecar(env).prepare(Sidecar.Service.PGBOUNCER);
    assertThat(Files.readString(dir.resolve("server.key"))).isEqualTo(key + "\n");
    assertThat(Files.readString(dir.resolve("server.crt"))).isEqualTo("CERT\nLINES\n");
    assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo("CA\n");
    for (String f : new String[] {"server.key", "server.crt", "ca.crt"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void exporters_getAPassfileForTheirUser() throws Exception {
    Path dir =
        sidecar(Map.of("POSTGRES_EXPORTER_PASSWORD_FILE", secret("exp", "e").toString()))
            .prepare(Sidecar.Service.POSTGRES_EXPORTER);
    assertThat(Files.readString(dir.resolve("pgpass"))).isEqualTo("*:*:*:aza_pg_exporter:e\n");

    Path other =
        sidecar(Map.of("PGBOUNCER_STATS_PASSWORD_FILE", secret("stats", "s").toString()))
            .prepare(Sidecar.Service.PGBOUNCER_EXPORTER);
    assertThat(Files.readString(other.resolve("pgpass"))).isEqualTo("*:*:*:pgbouncer_stats:s\n");
  }

  @Test
  void secretMountedAsADirectory_saysTheFileIsMissingOnTheHost() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("secrets/exporter-password"));
    assertThatThrownBy(
            () ->
                sidecar(Map.of("POSTGRES_EXPORTER_PASSWORD_FILE", dir.toString()))
                    .prepare(Sidecar.Service.POSTGRES_EXPORTER))
        .isInstanceOf(AzaPgException.class)
        .hasMessageStartingWith("POSTGRES_EXPORTER_PASSWORD_FILE=" + dir)
        .hasMessageContaining("missing on the host");
    assertThat(tmp.resolve("run")).doesNotExist();
  }

  @Test
  void missingOrEmptySecret_namesTheVariable() throws Exception {
    assertThatThrownBy(() -> sidecar(Map.of()).prepare(Sidecar.Service.PGBOUNCER_EXPORTER))
        .isInstanceOf(AzaPgException.class)
        .hasMessageStartingWith("PGBOUNCER_STATS_PASSWORD_FILE is not set");
    assertThatThrownBy(
            () ->
                sidecar(Map.of("PGBOUNCER_STATS_PASSWORD_FILE", tmp.resolve("nope").toString()))
                    .prepare(Sidecar.Service.PGBOUNCER_EXPORTER))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("PGBOUNCER_STATS_PASSWORD_FILE=")
        .hasMessageContaining("no such file");
    Path empty = tmp.resolve("empty");
    Files.writeString(empty, "\n");
    assertThatThrownBy(
            () ->
                sidecar(Map.of("PGBOUNCER_STATS_PASSWORD_FILE", empty.toString()))
                    .prepare(Sidecar.Service.PGBOUNCER_EXPORTER))
        .isInstanceOf(AzaPgException.class)
        .hasMessageStartingWith("PGBOUNCER_STATS_PASSWORD_FILE is not set or its file is empty");
  }

  @Test
  void unknownService_isAUsageError() {
    assertThatThrownBy(() -> Sidecar.Service.parse("redis"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("pgbouncer, postgres-exporter or pgbouncer-exporter");
  }
}
