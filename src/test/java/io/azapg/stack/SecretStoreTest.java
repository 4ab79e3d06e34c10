package io.azapg.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.Reporter;
import io.azapg.engine.EngineKind;
import io.azapg.engine.FakeEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
  @TempDir Path tmp;

  @Test
  void ensure_createsA0600FileInA0700Directory_withNoTempFileLeft_andKeepsItAfterwards()
      throws Exception {
    Path dir = tmp.resolve("state/node");
    SecretStore store = new SecretStore(dir);
    Path file = store.ensure("postgres-password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    String value = Files.readString(file);
    assertThat(value).hasSize(32);
    try (var entries = Files.list(dir)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("postgres-password");
    }
    assertThat(store.ensure("postgres-password")).isEqualTo(file);
    assertThat(Files.readString(file)).isEqualTo(value);
    assertThat(store.read("postgres-password")).isEqualTo(value);
  }

  @Test
  void read_missingFile_isAnErrorWithTheFix_neverANewPassword() {
    SecretStore store = new SecretStore(tmp.resolve("s"));
    assertThatThrownBy(() -> store.read("postgres-password"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("postgres-password is missing")
        .satisfies(
            e ->
                assertThat(((AzaPgException) e).hints())
                    .anyMatch(h -> h.contains("restore the file")));
    assertThat(Files.exists(tmp.resolve("s/postgres-password"))).isFalse();
  }

  @Test
  void up_existingVolumeWithoutItsPasswordFile_refusedNamingTheFileAndTheFix() {
    FakeEngine fake = new FakeEngine(tmp.resolve("engine"), "podman");
    fake.respond("volume_inspect", "[{\"Name\":\"db-data\"}]\n");
    NodeSpec spec =
        new NodeSpec("db", "img", 1L << 30, 1, "127.0.0.1", 15600, "postgres", tmp.resolve("st"));
    SingleNode node =
        new SingleNode(fake.engine(EngineKind.PODMAN, Reporter.silent()), Reporter.silent());
    assertThatThrownBy(() -> node.up(spec))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining(spec.secrets().resolve("postgres-password") + " is missing")
        .hasMessageContaining("data volume db-data was initialised with it")
        .satisfies(
            e ->
                assertThat(((AzaPgException) e).hints())
                    .contains(
                        "or start over (this deletes the data): ./aza-pg down --name db --volumes"));
    assertThat(Files.exists(spec.secrets().resolve("postgres-password"))).isFalse();
    assertThat(fake.commands()).noneMatch(c -> c.contains("run"));
  }
}
