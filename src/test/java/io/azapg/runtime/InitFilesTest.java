package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitFilesTest {
  @TempDir Path dir;

  private int uid() throws Exception {
    return (Integer) Files.getAttribute(dir, "unix:uid");
  }

  private int gid() throws Exception {
    return (Integer) Files.getAttribute(dir, "unix:gid");
  }

  private void file(String name, String perms) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "x");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
  }

  @Test
  void scan_sortsByNameInByteOrder_andDispatchesByType() throws Exception {
    file("20-run.sh", "rwxr-xr-x");
    file("10-source.sh", "rw-r--r--");
    file("30-schema.sql", "rw-r--r--");
    file("40-data.sql.gz", "rw-r--r--");
    file("41-data.sql.xz", "rw-r--r--");
    file("42-data.sql.zst", "rw-r--r--");
    file("50-readme.txt", "rw-r--r--");
    file("B-upper.sql", "rw-r--r--");
    file("a-lower.sql", "rw-r--r--");
    file("60-data.sql.bz2", "rw-r--r--");
    Files.createDirectory(dir.resolve("70-dir.sql"));

    List<InitFile> files = InitFiles.scan(dir, uid(), gid());

    assertThat(files)
        .extracting(InitFile::name)
        .containsExactly(
            "10-source.sh",
            "20-run.sh",
            "30-schema.sql",
            "40-data.sql.gz",
            "41-data.sql.xz",
            "42-data.sql.zst",
            "50-readme.txt",
            "60-data.sql.bz2",
            "70-dir.sql",
            "B-upper.sql",
            "a-lower.sql");
    assertThat(files)
        .extracting(InitFile::kind)
        .containsExactly(
            InitFile.Kind.SOURCE,
            InitFile.Kind.RUN,
            InitFile.Kind.SQL,
            InitFile.Kind.SQL_GZ,
            InitFile.Kind.SQL_XZ,
            InitFile.Kind.SQL_ZST,
            InitFile.Kind.IGNORED,
            InitFile.Kind.IGNORED,
            InitFile.Kind.IGNORED,
            InitFile.Kind.SQL,
            InitFile.Kind.SQL);
  }

  @Test
  void executableFor_usesTheBitsOfTheUserItRunsAs() throws Exception {
    file("group-only.sh", "rw-r-xr--");
    Path p = dir.resolve("group-only.sh");
    if (uid() != 0) {
      assertThat(InitFiles.executableFor(p, uid(), gid())).isFalse();
    }
    assertThat(InitFiles.executableFor(p, uid() + 12345, gid())).isTrue();
    assertThat(InitFiles.executableFor(p, uid() + 12345, gid() + 12345)).isFalse();
    assertThat(InitFiles.executableFor(p, 0, 0)).isTrue();
  }

  @Test
  void scan_missingDirectory_hasNoFiles() throws Exception {
    assertThat(InitFiles.scan(dir.resolve("none"), 1, 1)).isEmpty();
  }

  @Test
  void decompressors_matchTheSuffix() {
    assertThat(InitFile.Kind.SQL_GZ.decompressor()).containsExactly("gzip", "-dc");
    assertThat(InitFile.Kind.SQL_XZ.decompressor()).containsExactly("xz", "-dc");
    assertThat(InitFile.Kind.SQL_ZST.decompressor()).containsExactly("zstd", "-dc", "-q");
    assertThat(InitFile.Kind.SQL.decompressor()).isEmpty();
  }
}
