package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.image.ImagePackages;
import io.azapg.image.LockFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path project;

  private void copyCatalog() throws Exception {
    Files.createDirectories(project.resolve("catalog"));
    Files.copy(
        Path.of("src/test/resources/catalog/valid.json"),
        project.resolve("catalog/extensions.json"));
    // A lock that covers every package the fixture catalog and the image name.
    Catalog catalog = new CatalogLoader().load(project.resolve("catalog/extensions.json"));
    Map<LockFile.Group, List<LockFile.Pin>> groups = new EnumMap<>(LockFile.Group.class);
    ImagePackages.all(catalog)
        .forEach(
            (g, names) ->
                groups.put(
                    g, names.stream().map(n -> new LockFile.Pin(n, "18.6-1", true)).toList()));
    Files.createDirectories(project.resolve("image"));
    Files.writeString(
        project.resolve("image/packages.lock"),
        new LockFile("debian", "forky", "amd64", groups).render());
  }

  @Test
  void generate_writesDocsThenCheckPasses() throws Exception {
    copyCatalog();
    CliRun first = CliRun.of("generate", "--project-dir", project.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out().lines())
        .contains(
            "docs/EXTENSIONS.md",
            "image/Dockerfile",
            "stacks/primary/compose.yaml",
            "stacks/primary/pgbouncer.ini",
            "stacks/replica/compose.yaml",
            "stacks/single/.env.example");
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
  void check_failsAfterHandEditOfAStackFile_namingIt() throws Exception {
    copyCatalog();
    CliRun.of("generate", "--project-dir", project.toString());
    Path ini = project.resolve("stacks/primary/pgbouncer.ini");
    Files.writeString(
        ini, Files.readString(ini).replace("pool_mode = transaction", "pool_mode = session"));

    CliRun check = CliRun.of("generate", "--check", "--project-dir", project.toString());
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("stacks/primary/pgbouncer.ini: stale");
  }

  @Test
  void check_failsWhenTheLockDoesNotCoverTheCatalog() throws Exception {
    copyCatalog();
    CliRun.of("generate", "--project-dir", project.toString());
    Files.writeString(
        project.resolve("image/packages.lock"),
        "profile debian\nsuite forky\narchitecture amd64\n[runtime]\npostgresql-18 18.6-1 direct\n");
    CliRun check = CliRun.of("generate", "--check", "--project-dir", project.toString());
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("image/packages.lock does not lock").contains("aza-pg lock");
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
