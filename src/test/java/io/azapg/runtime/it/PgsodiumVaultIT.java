package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.VolumeMount;
import io.azapg.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgsodium and supabase_vault, built from git: with a root key in a secret file both are preloaded
 * and created, a secret is stored and read back decrypted, and the key never shows in the logs;
 * without a key the default start leaves them out and says why, a preload list that names vault is
 * refused before the server starts, and the getkey script refuses a malformed key.
 */
class PgsodiumVaultIT {
  private static final String KEY_PATH = "/run/secrets/pgsodium_root_key";

  @TempDir Path tmp;

  @Test
  void withARootKey_vaultStoresAndDecryptsASecret() throws Exception {
    String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
    Path keyFile = tmp.resolve("pgsodium_root_key");
    Files.writeString(keyFile, key + "\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", "pw")
            .mount(new VolumeMount(keyFile.toString(), KEY_PATH, true))) {
      pg.startHealthy();
      assertThat(pg.sql("postgres", "postgres", "SHOW shared_preload_libraries"))
          .contains("pgsodium")
          .contains("supabase_vault");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname)"
                      + " FROM pg_extension WHERE extname IN ('pgsodium', 'supabase_vault')"))
          .isEqualTo("pgsodium 3.1.11, supabase_vault 0.3.1");

      pg.sql(
          "postgres",
          "postgres",
          "SELECT vault.create_secret('s3cr3t-value', 'api_token', 'an API token')");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT decrypted_secret FROM vault.decrypted_secrets WHERE name = 'api_token'"))
          .isEqualTo("s3cr3t-value");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT position('s3cr3t' IN secret) = 0 FROM vault.secrets WHERE name = 'api_token'"))
          .as("stored encrypted")
          .isEqualTo("t");
      String keyId =
          pg.sql("postgres", "postgres", "SELECT id FROM pgsodium.create_key(name := 'it_key')");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT convert_from(pgsodium.crypto_aead_det_decrypt(pgsodium.crypto_aead_det_encrypt("
                      + "convert_to('hello', 'utf8'), convert_to('ad', 'utf8'), k),"
                      + " convert_to('ad', 'utf8'), k), 'utf8') FROM CAST('"
                      + keyId
                      + "' AS uuid) k"))
          .isEqualTo("hello");
      assertThat(pg.logs()).doesNotContain(key);
    }
  }

  @Test
  void withoutARootKey_defaultLeavesThemOut_explicitVaultIsRefused_badKeyIsRefused() {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw")) {
      pg.startHealthy();
      assertThat(pg.sql("postgres", "postgres", "SHOW shared_preload_libraries"))
          .doesNotContain("pgsodium")
          .doesNotContain("supabase_vault")
          .contains("pg_net");
      assertThat(pg.logs())
          .contains(
              "pgsodium and supabase_vault not preloaded: there is no root key file " + KEY_PATH);

      pg.exec("bash", "-c", "printf 'not-a-key' > /tmp/bad-key");
      ProcessResult bad =
          pg.exec("bash", "-c", "PGSODIUM_KEY_FILE=/tmp/bad-key aza-pg-pgsodium-getkey");
      assertThat(bad.exitCode()).isEqualTo(1);
      assertThat(bad.stdout()).isEmpty();
      assertThat(bad.stderr()).contains("does not hold exactly 64 hexadecimal digits");
      ProcessResult none = pg.exec("aza-pg-pgsodium-getkey");
      assertThat(none.exitCode()).isEqualTo(1);
      assertThat(none.stderr()).contains(KEY_PATH + " does not exist");
    }
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", "pw")
            .env("POSTGRES_SHARED_PRELOAD_LIBRARIES", "pg_stat_statements,supabase_vault")) {
      ProcessResult refused = pg.runToEnd();
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.stdout() + refused.stderr())
          .contains("POSTGRES_SHARED_PRELOAD_LIBRARIES names supabase_vault")
          .contains("there is no root key file " + KEY_PATH)
          .contains("openssl rand -hex 32");
    }
  }
}
