package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootKeyTest {
  private static final List<String> DEFAULT =
      List.of("auto_explain", "pg_net", "pgsodium", "supabase_vault", "timescaledb");

  @TempDir Path dir;

  private Env env(Path keyFile) {
    return new Env(Map.of(RootKey.FILE_VAR, keyFile.toString()));
  }

  @Test
  void validKey_keepsTheList() throws Exception {
    Path key = Files.writeString(dir.resolve("k"), "ab".repeat(32) + "\n");
    assertThat(RootKey.problem(env(key))).isEmpty();
    assertThat(RootKey.apply(DEFAULT, false, env(key), Reporter.silent())).isEqualTo(DEFAULT);
    assertThat(RootKey.apply(DEFAULT, true, env(key), Reporter.silent())).isEqualTo(DEFAULT);
  }

  @Test
  void noKey_defaultListLosesTheKeyLibraries() {
    assertThat(RootKey.apply(DEFAULT, false, env(dir.resolve("none")), Reporter.silent()))
        .containsExactly("auto_explain", "pg_net", "timescaledb");
  }

  @Test
  void malformedKey_userListNamingVault_isRefusedWithTheFix() throws Exception {
    Path key = Files.writeString(dir.resolve("k"), "not-hex");
    assertThat(RootKey.problem(env(key)))
        .hasValueSatisfying(p -> assertThat(p).contains("does not hold exactly 64 hexadecimal"));
    assertThatThrownBy(
            () ->
                RootKey.apply(
                    List.of("pg_stat_statements", "supabase_vault"),
                    true,
                    env(key),
                    Reporter.silent()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("POSTGRES_SHARED_PRELOAD_LIBRARIES names supabase_vault")
        .hasMessageContaining(key.toString());
  }

  @Test
  void listWithoutKeyLibraries_needsNoKey() {
    List<String> list = List.of("pg_stat_statements");
    assertThat(RootKey.apply(list, true, env(dir.resolve("none")), Reporter.silent()))
        .isEqualTo(list);
  }
}
