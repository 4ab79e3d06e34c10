package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OldLayoutTest {
  @TempDir Path base;

  private Path pgdata() {
    return base.resolve("18/docker");
  }

  @Test
  void nothingOld_noFindings() {
    assertThat(OldLayout.findings(pgdata(), pgdata(), base, "")).isEmpty();
  }

  @Test
  void oldDataInEveryPlace_found() throws Exception {
    Files.createDirectories(base.resolve("data"));
    Files.writeString(base.resolve("data/PG_VERSION"), "17\n");
    Files.writeString(base.resolve("PG_VERSION"), "16\n");
    Files.createDirectories(base.resolve("17/docker"));
    Files.writeString(base.resolve("17/docker/PG_VERSION"), "17\n");
    assertThat(OldLayout.findings(pgdata(), pgdata(), base, ""))
        .containsExactly(
            base.toString(), base.resolve("17/docker").toString(), base.resolve("data").toString());
  }

  @Test
  void unusedMountAtData_found() {
    String mountinfo =
        "36 35 98:0 / / rw - ext3 /dev/root rw\n"
            + "40 36 98:1 /vol "
            + base.resolve("data")
            + " rw,noatime - ext4 /dev/sdb rw\n";
    assertThat(OldLayout.findings(pgdata(), pgdata(), base, mountinfo))
        .containsExactly(base.resolve("data") + " (unused mount/volume)");
  }

  @Test
  void customPgdata_noCheck() throws Exception {
    Files.writeString(base.resolve("PG_VERSION"), "16\n");
    assertThat(OldLayout.findings(base.resolve("custom"), pgdata(), base, "")).isEmpty();
  }

  @Test
  void isMountPoint_decodesSpaces() {
    assertThat(OldLayout.isMountPoint(Path.of("/a b"), "1 2 3:4 / /a\\040b rw - x y rw")).isTrue();
  }
}
