package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.it.AzaPg;
import io.azapg.it.TestHost;
import io.azapg.it.TestImage;
import io.azapg.process.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aza-pg diagnose} on a real node: the archive's entries, and no password in any. */
class DiagnoseIT {
  @Test
  void archive_holdsTheDiagnostics_andNoPassword(@TempDir Path temp) throws Exception {
    TestImage.get();
    String name = "aza-pg-it-diag-" + UUID.randomUUID().toString().substring(0, 8);
    Path secrets = AzaPg.projectDir().resolve(".aza-pg").resolve(name);
    try {
      ProcessResult up =
          AzaPg.run(
              Duration.ofMinutes(20),
              "up",
              "--name",
              name,
              "--port",
              Integer.toString(TestHost.freePort()),
              "--memory",
              "1GB");
      assertThat(up.exitCode()).as(up.stderr()).isZero();
      String password =
          Files.readString(secrets.resolve("postgres-password"), StandardCharsets.UTF_8).strip();
      // A failing statement puts its text, the password included, into the server log.
      AzaPg.exec(
          Duration.ofMinutes(1),
          AzaPg.engine(),
          "exec",
          "-u",
          "postgres",
          name,
          "psql",
          "-U",
          "postgres",
          "-c",
          "SELECT '" + password + "'::int");
      assertThat(AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "logs", name).stderr())
          .as("the test needs the password in the container log")
          .contains(password);

      Path archive = temp.resolve("diag.tar.gz");
      ProcessResult r =
          AzaPg.run(Duration.ofMinutes(5), "diagnose", name, "-o", archive.toString());
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(r.stdout().strip()).isEqualTo(archive.toString());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
          .isEqualTo("rw-------");
      List<String> entries =
          AzaPg.exec(Duration.ofMinutes(1), "tar", "-tzf", archive.toString())
              .stdout()
              .lines()
              .toList();
      assertThat(entries)
          .contains(
              "diagnostics/container-logs.txt",
              "diagnostics/show-all.txt",
              "diagnostics/shared-preload-libraries.txt",
              "diagnostics/extensions.txt",
              "diagnostics/version-info.json",
              "diagnostics/tuning.txt",
              "diagnostics/init-status.txt");
      Path out = temp.resolve("out");
      Files.createDirectories(out);
      assertThat(
              AzaPg.exec(
                      Duration.ofMinutes(1),
                      "tar",
                      "-xzf",
                      archive.toString(),
                      "-C",
                      out.toString())
                  .exitCode())
          .isZero();
      Path dir = out.resolve("diagnostics");
      assertThat(Files.readString(dir.resolve("container-logs.txt")))
          .contains("invalid input syntax");
      assertThat(Files.readString(dir.resolve("shared-preload-libraries.txt"))).contains("pg_cron");
      assertThat(Files.readString(dir.resolve("extensions.txt")))
          .contains("== postgres")
          .contains("vector ");
      assertThat(Files.readString(dir.resolve("show-all.txt"))).contains("shared_buffers|");
      assertThat(Files.readString(dir.resolve("init-status.txt"))).contains("completed");
      assertThat(Files.readString(dir.resolve("version-info.json"))).contains("\"buildType\"");
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          assertThat(Files.readString(f)).as(f.getFileName().toString()).doesNotContain(password);
        }
      }
      assertThat(r.stdout() + r.stderr()).doesNotContain(password);
    } finally {
      AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "rm", "--force", "--volumes", name);
      AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "volume", "rm", "--force", name + "-data");
      TestHost.deleteRecursively(secrets);
    }
  }
}
