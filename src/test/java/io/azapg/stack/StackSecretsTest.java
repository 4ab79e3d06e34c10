package io.azapg.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.generate.compose.Secrets;
import io.azapg.generate.compose.StackKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords are made on first use only; afterwards a missing one is an error naming it. */
class StackSecretsTest {
  @TempDir Path tmp;

  @Test
  void firstUse_generatesEveryOwnedSecret_0600_inA0700Directory() throws Exception {
    Path dir = tmp.resolve("secrets");
    List<String> all = Secrets.of(StackKind.PRIMARY);
    StackSecrets.prepare(
        dir, all, Secrets.owned(StackKind.PRIMARY), true, "fix", Reporter.silent());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    for (String name : all) {
      Path f = dir.resolve(name);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(f).strip()).hasSizeGreaterThanOrEqualTo(32);
    }
    assertThat(Files.readString(dir.resolve(all.get(0))))
        .isNotEqualTo(Files.readString(dir.resolve(all.get(1))));
  }

  @Test
  void existingData_missingSecret_isRefused_andNotRegenerated() throws Exception {
    Path dir = tmp.resolve("secrets");
    List<String> all = Secrets.of(StackKind.SINGLE);
    StackSecrets.prepare(dir, all, all, true, "fix", Reporter.silent());
    String kept = Files.readString(dir.resolve(Secrets.SUPERUSER));
    Files.delete(dir.resolve(Secrets.EXPORTER));

    assertThatThrownBy(
            () -> StackSecrets.prepare(dir, all, all, false, "aza-pg down ...", Reporter.silent()))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "the secret file "
                          + dir.resolve(Secrets.EXPORTER)
                          + " is missing: the stack's data was initialised with that password");
              assertThat(e.hints()).anyMatch(h -> h.contains("aza-pg down ..."));
            });
    assertThat(dir.resolve(Secrets.EXPORTER)).doesNotExist();
    assertThat(Files.readString(dir.resolve(Secrets.SUPERUSER))).isEqualTo(kept);
  }

  @Test
  void replica_neverCreatesItsPrimarysSecrets() {
    Path dir = tmp.resolve("primary-secrets");
    assertThatThrownBy(
            () ->
                StackSecrets.prepare(
                    dir,
                    Secrets.of(StackKind.REPLICA),
                    Secrets.owned(StackKind.REPLICA),
                    true,
                    "the primary keeps them",
                    Reporter.silent()))
        .hasMessageContaining(
            "replication-password is missing: the replica logs in with its"
                + " primary's password");
    assertThat(dir).doesNotExist();
  }
}
