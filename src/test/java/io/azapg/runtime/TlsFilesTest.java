package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.common.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS at every start: the files, {@code ssl = on}, and pg_hba.conf refusing plain remote clients.
 */
class TlsFilesTest {
  @TempDir Path pgdata;
  @TempDir Path secrets;

  private final List<String> warnings = new ArrayList<>();

  private final Reporter reporter =
      new Reporter() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {
          warnings.add(message);
        }

        @Override
        public void debug(String message) {}
      };

  private DataDir dataDir() {
    return new DataDir(pgdata, Privileges.decide(1000, 1000, ""));
  }

  private Env tlsEnv() throws Exception {
    Files.writeString(secrets.resolve("crt"), "CERT\n");
    Files.writeString(secrets.resolve("key"), "KEY\n");
    Files.writeString(secrets.resolve("ca"), "CA\n");
    return new Env(
        Map.of(
            "POSTGRES_TLS_CERT_FILE", secrets.resolve("crt").toString(),
            "POSTGRES_TLS_KEY_FILE", secrets.resolve("key").toString(),
            "POSTGRES_TLS_CA_FILE", secrets.resolve("ca").toString()));
  }

  @Test
  void tlsOn_rejectsPlainRemoteClients_andOffWritesNoRules() throws Exception {
    StartupConfig cfg = StartupConfigParser.parse(new Env(Map.of()));
    Files.writeString(
        pgdata.resolve("pg_hba.conf"),
        "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
            + Initializer.hbaLines(cfg));

    TlsFiles.apply(tlsEnv(), dataDir(), reporter);

    assertThat(Files.readString(pgdata.resolve("aza-pg-tls-hba.conf")))
        .contains("hostnossl all all all reject\n")
        .contains("hostnossl replication all all reject\n");
    assertThat(Files.readString(pgdata.resolve("conf.d/aza-pg-tls.conf"))).contains("ssl = on\n");
    assertThat(Files.readString(pgdata.resolve("tls/server.key"))).isEqualTo("KEY\n");
    String hba = Files.readString(pgdata.resolve("pg_hba.conf"));
    assertThat(hba.split("include_if_exists", -1)).as("the include is there once").hasSize(2);
    assertThat(warnings).isEmpty();

    TlsFiles.apply(new Env(Map.of()), dataDir(), reporter);
    assertThat(Files.readString(pgdata.resolve("aza-pg-tls-hba.conf"))).doesNotContain("reject");
    assertThat(pgdata.resolve("conf.d/aza-pg-tls.conf")).doesNotExist();
  }

  @Test
  void aClusterFromBeforeTheInclude_getsItInFrontOfTheRemoteMethod() throws Exception {
    String old =
        "local all all trust\n\n"
            + "# aza-pg: POSTGRES_HOST_AUTH_METHOD for every other client\n"
            + "host all all all scram-sha-256\n";
    Files.writeString(pgdata.resolve("pg_hba.conf"), old);

    TlsFiles.apply(tlsEnv(), dataDir(), reporter);

    String hba = Files.readString(pgdata.resolve("pg_hba.conf"));
    assertThat(hba.indexOf("include_if_exists aza-pg-tls-hba.conf\n"))
        .isPositive()
        .isLessThan(hba.indexOf("host all all all"));
    TlsFiles.apply(tlsEnv(), dataDir(), reporter);
    assertThat(Files.readString(pgdata.resolve("pg_hba.conf"))).isEqualTo(hba);
  }

  @Test
  void aUsersOwnPgHba_isLeftAlone_andTlsOnWarnsThatPlainIsAccepted() throws Exception {
    Files.writeString(pgdata.resolve("pg_hba.conf"), "host all all all md5\n");

    TlsFiles.apply(tlsEnv(), dataDir(), reporter);

    assertThat(Files.readString(pgdata.resolve("pg_hba.conf"))).isEqualTo("host all all all md5\n");
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("plain connections are accepted")
        .contains("include_if_exists aza-pg-tls-hba.conf");
  }
}
