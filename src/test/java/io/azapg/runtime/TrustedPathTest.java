package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedPathTest {
  @TempDir Path tmp;

  @Test
  void realDirectories_andPathsNotCreatedYet_pass() throws Exception {
    Path volume = Files.createDirectories(tmp.resolve("volume/18/docker"));
    assertThatCode(() -> TrustedPath.check(volume, "PGDATA")).doesNotThrowAnyException();
    assertThatCode(() -> TrustedPath.check(tmp.resolve("volume/19/new"), "PGDATA"))
        .doesNotThrowAnyException();
  }

  @Test
  void linkInADirectoryOthersCanWrite_refused_namingTheLinkAndItsTarget() throws Exception {
    Path volume = Files.createDirectories(tmp.resolve("volume"));
    Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path etc = Files.createDirectories(tmp.resolve("etc"));
    Files.createSymbolicLink(volume.resolve("18"), etc);
    assertThatThrownBy(() -> TrustedPath.check(volume.resolve("18/docker"), "PGDATA"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("PGDATA=" + volume.resolve("18/docker"))
        .hasMessageContaining(volume.resolve("18") + " is a symbolic link (to " + etc + ")")
        .hasMessageContaining("root does not create, chmod or chown through it");
    assertThat(Files.exists(etc.resolve("docker"))).isFalse();
  }

  @Test
  void finalComponentALink_refusedToo() throws Exception {
    Path volume = Files.createDirectories(tmp.resolve("v"));
    Files.setAttribute(volume, "unix:mode", 01777);
    Files.createSymbolicLink(volume.resolve("docker"), Path.of("/root"));
    assertThatThrownBy(() -> TrustedPath.check(volume.resolve("docker"), "PGDATA"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("(to /root)");
  }
}
