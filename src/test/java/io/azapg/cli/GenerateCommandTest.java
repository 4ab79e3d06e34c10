package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path project;

  private void copyCatalog() throws Exception {
    Files.createDirectories(project.resolve("catalog"));
    Files.copy(
        Path.of("src/test/resources/catalog/valid.json"),
        project.resolve("catalog/extensions.json"));
  }

  @Test
  void generate_writesDocsThenCheckPasses() throws Exception {
    copyCatalog();
    CliRun first = CliRun.of("generate", "--project-dir", project.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("docs/EXTENSIONS.md" + System.lineSeparator());
    assertThat(project.resolve("docs/EXTENSIONS.md")).exists();

    CliRun again = CliRun.of("generate", "--project-dir", project.toString());
    assertThat(again.out()).isEmpty();
    assertThat(again.err()).contains("wrote 0 file(s)");

    CliRun check = CliRun.of("generate", "--check", "--project-dir", project.toString());
    assertThat(check.exitCode()).isZero();
  }

  @Test
  void check_failsAfterHandEditNamingTheFile() throws Exception {
    copyCatalog();
    CliRun.of("generate", "--project-dir", project.toString());
    Path doc = project.resolve("docs/EXTENSIONS.md");
    Files.writeString(doc, Files.readString(doc) + "hand edit\n", StandardCharsets.UTF_8);

    CliRun check = CliRun.of("generate", "--check", "--project-dir", project.toString());
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).isEmpty();
    assertThat(check.err())
        .contains("docs/EXTENSIONS.md: stale")
        .contains("run './aza-pg generate'");
    assertThat(Files.readString(doc)).endsWith("hand edit\n");
  }

  @Test
  void check_failsWhenGeneratedFileIsMissing() throws Exception {
    copyCatalog();
    CliRun check = CliRun.of("generate", "--check", "--project-dir", project.toString());
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("docs/EXTENSIONS.md");
  }

  @Test
  void generate_invalidCatalog_writesNothingAndExits3() throws Exception {
    Files.createDirectories(project.resolve("catalog"));
    Files.copy(
        Path.of("src/test/resources/catalog/invalid/dependency-cycle.json"),
        project.resolve("catalog/extensions.json"));
    CliRun run = CliRun.of("generate", "--project-dir", project.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(project.resolve("docs")).doesNotExist();
  }
}
