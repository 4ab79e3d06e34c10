package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input against the real engine and archive: clear messages, non-zero exits, nothing written.
 */
class BadInputIT {
  @TempDir Path dir;

  private Path catalogWithPackage(String pkg) throws Exception {
    String text =
        Files.readString(AzaPg.projectDir().resolve("catalog/extensions.json"))
            .replace("\"package\": \"postgresql-18-pgvector\"", "\"package\": \"" + pkg + "\"");
    Path file = dir.resolve("catalog.json");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void lock_packageThatDoesNotExist_namesItAndTheEntry() throws Exception {
    Path lockBefore = AzaPg.projectDir().resolve("image/packages.lock");
    String before = Files.readString(lockBefore);
    ProcessResult r =
        AzaPg.run(
            Duration.ofMinutes(5),
            "lock",
            "--catalog",
            catalogWithPackage("postgresql-18-pgvectorr").toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr())
        .contains("package \"postgresql-18-pgvectorr\" does not exist in Debian forky")
        .contains("catalog entry \"vector\"");
    assertThat(Files.readString(lockBefore)).isEqualTo(before);
  }

  @Test
  void build_catalogPackageMissingFromTheLock_namesIt() throws Exception {
    ProcessResult r =
        AzaPg.run(
            Duration.ofMinutes(5),
            "build",
            "--catalog",
            catalogWithPackage("postgresql-18-pgvectorr").toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr())
        .contains("does not lock postgresql-18-pgvectorr (extensions)")
        .contains("aza-pg lock");
  }

  @Test
  void missingEngine_givesInstructionsNotAStackTrace() {
    ProcessResult r =
        AzaPg.run(Duration.ofMinutes(1), java.util.Map.of("PATH", "/nonexistent"), "verify-image");
    // java itself is started by absolute path, so only the engine lookup sees the empty PATH.
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.stderr()).contains("podman").contains("hint:").doesNotContain("at io.azapg");
  }
}
