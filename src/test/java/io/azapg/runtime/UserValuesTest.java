package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.tune.Sourced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user set, from each source, and which source wins. */
class UserValuesTest {
  @TempDir Path pgdata;

  private DataDir dataDir() {
    return new DataDir(pgdata, Privileges.decide(1000, 1000, ""));
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(pgdata.resolve(name).getParent());
    Files.writeString(pgdata.resolve(name), text);
  }

  private static Map<String, Sourced<String>> env(String... kv) {
    java.util.Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return UserValues.fromEnv(new Env(m));
  }

  @Test
  void environment_givesTheCommonSettings() {
    Map<String, Sourced<String>> v =
        env("POSTGRES_MAX_CONNECTIONS", "150", "POSTGRES_WORK_MEM", "8MB", "POSTGRES_OTHER", "x");
    assertThat(v)
        .containsEntry("max_connections", Sourced.of("150", "POSTGRES_MAX_CONNECTIONS"))
        .containsEntry("work_mem", Sourced.of("8MB", "POSTGRES_WORK_MEM"))
        .hasSize(2);
  }

  @Test
  void environment_invalidValue_stopsNamingTheVariable() {
    assertThatThrownBy(() -> env("POSTGRES_SHARED_BUFFERS", "lots"))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .isEqualTo("POSTGRES_SHARED_BUFFERS 'lots' is not a valid shared_buffers value");
            });
  }

  @Test
  void eachFileSource_isRead() throws IOException {
    write("postgresql.conf", "include_if_exists = 'aza-pg.tuning.conf'\nmax_wal_senders = 6\n");
    write("conf.d/10-app.conf", "work_mem = '16MB'   # analytics\nlisten_addresses = '*'\n");
    write("postgresql.auto.conf", "# Do not edit\ntemp_buffers = '4MB'\n");
    Map<String, Sourced<String>> v = UserValues.read(Map.of(), Optional.of(dataDir()), List.of());
    assertThat(v)
        .containsEntry("max_wal_senders", Sourced.of("6", "postgresql.conf"))
        .containsEntry("work_mem", Sourced.of("16MB", "conf.d/10-app.conf"))
        .containsEntry("temp_buffers", Sourced.of("4MB", "postgresql.auto.conf (ALTER SYSTEM)"))
        .doesNotContainKey("listen_addresses");
  }

  @Test
  void commandLine_flagsInEveryForm() {
    Map<String, Sourced<String>> v =
        UserValues.read(
            Map.of(),
            Optional.empty(),
            List.of(
                "-c", "work_mem=3MB", "-cmax_connections=70", "--shared-buffers=64MB", "-N", "80"));
    assertThat(v)
        .containsEntry("work_mem", Sourced.of("3MB", "-c"))
        .containsEntry("shared_buffers", Sourced.of("64MB", "--shared-buffers"))
        .containsEntry("max_connections", Sourced.of("80", "-N"));
  }

  @Test
  void precedence_envThenConfThenConfDThenAlterSystemThenFlags() throws IOException {
    Map<String, Sourced<String>> fromEnv =
        env("POSTGRES_WORK_MEM", "1MB", "POSTGRES_MAX_CONNECTIONS", "50");
    write("postgresql.conf", "work_mem = 2MB\nmax_connections = 60\nshared_buffers = 96MB\n");
    write("conf.d/01-a.conf", "work_mem = 3MB\nmax_connections = 70\n");
    write("conf.d/02-b.conf", "work_mem = 4MB\n");
    write("conf.d/.hidden.conf", "work_mem = 99MB\n");
    write("conf.d/notes.txt", "work_mem = 98MB\n");
    write("postgresql.auto.conf", "work_mem = '5MB'\n");
    Map<String, Sourced<String>> v =
        UserValues.read(fromEnv, Optional.of(dataDir()), List.of("-c", "shared_buffers=80MB"));
    assertThat(v)
        .containsEntry("work_mem", Sourced.of("5MB", "postgresql.auto.conf (ALTER SYSTEM)"))
        .containsEntry("max_connections", Sourced.of("70", "conf.d/01-a.conf"))
        .containsEntry("shared_buffers", Sourced.of("80MB", "-c"));
    assertThat(UserValues.read(fromEnv, Optional.empty(), List.of()))
        .containsEntry("max_connections", Sourced.of("50", "POSTGRES_MAX_CONNECTIONS"));
  }

  @Test
  void confLines_readQuotesCommentsAndTheOptionalEquals() {
    assertThat(ConfLines.parse("a = 'it''s' # c\nB 5\n# c = 1\nd='x#y'\nbad = two words\n"))
        .containsExactly(
            new ConfLines.Line("a", "it's"),
            new ConfLines.Line("b", "5"),
            new ConfLines.Line("d", "x#y"));
  }
}
