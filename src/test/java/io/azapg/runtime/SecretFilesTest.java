package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret files with unusual contents: read exactly (only trailing line breaks dropped), handed from
 * the root step to the unprivileged one unchanged, and never shown by an error.
 */
class SecretFilesTest {
  /** Quotes, backslashes, $, a CRLF inside, spaces at both ends, unicode, conf- and SQL-looking. */
  static final String UNUSUAL =
      "  it's \"q\" \\back\\slash $HOME ${PGDATA} `id` $(id) ünïcødé 🔑 \r\n"
          + "listen_addresses = '*'\n"
          + "local all all trust\n"
          + "'; DROP ROLE postgres; -- \\\\:*:  ";

  @TempDir Path tmp;

  private Env envWithFile(String name, byte[] content) throws Exception {
    Path file = tmp.resolve(name.toLowerCase(java.util.Locale.ROOT));
    Files.write(file, content);
    return new Env(Map.of(name + "_FILE", file.toString()));
  }

  @Test
  void unusualContent_readExactly_onlyTrailingLineBreaksDropped() throws Exception {
    Env env =
        envWithFile("POSTGRES_PASSWORD", (UNUSUAL + "\r\n\n").getBytes(StandardCharsets.UTF_8));
    assertThat(env.fileOrValue("POSTGRES_PASSWORD")).contains(UNUSUAL);
  }

  @Test
  void handoff_roundTripsEveryUnusualValue_andNothingElse() throws Exception {
    String longValue = "x".repeat(60_000) + "\n" + UNUSUAL;
    Path pw = tmp.resolve("pw");
    Path rep = tmp.resolve("rep");
    Files.writeString(pw, UNUSUAL + "\n");
    Files.writeString(rep, longValue);
    Env env =
        new Env(
            Map.of(
                "POSTGRES_PASSWORD_FILE", pw.toString(),
                "PG_REPLICATION_PASSWORD_FILE", rep.toString(),
                "PGDATA", "/var/lib/postgresql/18/docker"));
    String pipe = SecretHandoff.encode(SecretHandoff.resolve(env));
    assertThat(pipe).doesNotContain("it's").doesNotContain("DROP").doesNotContain("xxxx");
    assertThat(pipe.lines()).hasSize(2).allMatch(l -> l.matches("[A-Z_]+ [A-Za-z0-9+/=]+"));
    Env child = env.withResolved(SecretHandoff.decode(pipe));
    assertThat(child.get("POSTGRES_PASSWORD")).contains(UNUSUAL);
    assertThat(child.get("PG_REPLICATION_PASSWORD")).contains(longValue);
    assertThat(child.has("POSTGRES_PASSWORD_FILE")).isFalse();
    assertThat(child.fileOrValue("POSTGRES_PASSWORD")).contains(UNUSUAL);
  }

  @Test
  void handoff_anEmptySecretFile_isStillNamedAfterTheHandoff() throws Exception {
    Path pw = tmp.resolve("empty");
    Files.writeString(pw, "");
    Env env = new Env(Map.of("POSTGRES_PASSWORD_FILE", pw.toString()));
    Env child =
        env.withResolved(SecretHandoff.decode(SecretHandoff.encode(SecretHandoff.resolve(env))));
    assertThat(child.has("POSTGRES_PASSWORD")).isFalse();
    assertThat(child.resolvedFile("POSTGRES_PASSWORD")).contains(pw.toString());
    assertThat(child.resolvedFile("POSTGRES_USER")).isEmpty();
  }

  @Test
  void handoff_unknownOrMalformedLine_isABugNotAValue() {
    assertThatThrownBy(() -> SecretHandoff.decode("PATH L2Jpbg==\n"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageNotContaining("L2Jpbg");
    assertThatThrownBy(() -> SecretHandoff.decode("POSTGRES_PASSWORD not*base64\n"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageNotContaining("not*base64");
  }

  @Test
  void emptyFile_countsAsUnset() throws Exception {
    assertThat(
            envWithFile("POSTGRES_PASSWORD", "\n".getBytes(StandardCharsets.UTF_8))
                .fileOrValue("POSTGRES_PASSWORD"))
        .isEmpty();
  }

  @Test
  void nulByte_refused_withoutShowingTheContent() throws Exception {
    Env env =
        envWithFile("POSTGRES_PASSWORD", "secret-part\0rest".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> env.fileOrValue("POSTGRES_PASSWORD"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("POSTGRES_PASSWORD_FILE=")
        .hasMessageContaining("NUL")
        .hasMessageNotContaining("secret-part");
  }

  @Test
  void notUtf8_refused_withoutShowingTheContent() throws Exception {
    byte[] latin1 = "geheim-\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    Env env = envWithFile("POSTGRES_PASSWORD", latin1);
    assertThatThrownBy(() -> env.fileOrValue("POSTGRES_PASSWORD"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("is not UTF-8 text")
        .hasMessageNotContaining("geheim");
  }

  @Test
  void hugeFile_refused_withoutReadingIt() throws Exception {
    Env env = envWithFile("POSTGRES_PASSWORD", new byte[Env.MAX_FILE_BYTES + 1]);
    assertThatThrownBy(() -> env.fileOrValue("POSTGRES_PASSWORD"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("is larger than 64 KiB");
  }

  @Test
  void parser_neverEchoesAPassword_evenOneThatLooksLikeAnotherSetting() throws Exception {
    Path pw = tmp.resolve("pw");
    Files.writeString(pw, UNUSUAL);
    StartupConfig cfg =
        StartupConfigParser.parse(new Env(Map.of("POSTGRES_PASSWORD_FILE", pw.toString())));
    assertThat(cfg.password().orElseThrow().reveal()).isEqualTo(UNUSUAL);
    assertThat(cfg.toString()).doesNotContain("DROP").doesNotContain("it's");
  }
}
