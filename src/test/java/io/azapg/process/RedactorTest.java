package io.azapg.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = new Redactor();

  @Test
  void redact_registeredValue_isMaskedEverywhere() {
    redactor.register("s3cr3t");

    assertThat(redactor.redact("a s3cr3t and s3cr3t again")).isEqualTo("a *** and *** again");
  }

  @Test
  void redact_longerSecretsFirst() {
    redactor.register("abc");
    redactor.register("abcdef");

    assertThat(redactor.redact("x abcdef y")).isEqualTo("x *** y");
  }

  @Test
  void redact_assignmentsOfSecretNames_evenUnregistered() {
    assertThat(
            redactor.redact(
                "POSTGRES_PASSWORD=pw1 pgbouncer_auth_token='a b' MY_SECRET_KEY=\"x\" USER=bob"))
        .isEqualTo("POSTGRES_PASSWORD=*** pgbouncer_auth_token=*** MY_SECRET_KEY=*** USER=bob");
  }

  @Test
  void registerSecretsOf_takesOnlySecretNames() {
    redactor.registerSecretsOf(
        Map.of("PGPASSWORD", "pw", "PGUSER", "postgres", "BLANK_TOKEN", " "));

    assertThat(redactor.redact("pw postgres")).isEqualTo("*** postgres");
  }

  @Test
  void isSecretName_matchesCaseInsensitively() {
    assertThat(Redactor.isSecretName("POSTGRES_PASSWORD_FILE")).isTrue();
    assertThat(Redactor.isSecretName("github_token")).isTrue();
    assertThat(Redactor.isSecretName("client-secret")).isTrue();
    assertThat(Redactor.isSecretName("POSTGRES_USER")).isFalse();
  }

  @Test
  void commandLine_quotesAndRedacts() {
    redactor.register("pw");

    assertThat(redactor.commandLine(List.of("podman", "run", "-e", "X=it's pw", "a b", "")))
        .isEqualTo("podman run -e 'X=it'\\''s ***' 'a b' ''");
  }
}
