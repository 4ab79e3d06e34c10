package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.GoldenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  private final Catalog catalog =
      new CatalogLoader().load(Path.of("src/test/resources/catalog/valid.json"));

  private List<GeneratedFile> generate(Path root) throws Exception {
    Files.createDirectories(root.resolve("image"));
    Files.copy(
        Path.of("src/test/resources/image/sample.lock"), root.resolve("image/packages.lock"));
    return ImageFiles.all(catalog, root);
  }

  @Test
  void all_rendersDocsAndImageFiles_matchingGoldenFiles(@TempDir Path root) throws Exception {
    List<GeneratedFile> files = generate(root);
    assertThat(files)
        .extracting(GeneratedFile::path)
        .containsExactly(
            "docs/EXTENSIONS.md",
            "image/Dockerfile",
            "image/generated/verify-files.sh",
            "image/generated/version-info.json",
            "image/generated/IMAGE-CONTENTS.txt");
    for (GeneratedFile f : files.subList(1, files.size())) {
      GoldenFiles.assertMatches(
          Path.of("src/test/resources/golden/image/" + Path.of(f.path()).getFileName()),
          f.content());
    }
  }

  @Test
  void dockerfile_pinsEveryLockedPackageAndKeepsTheJarLast(@TempDir Path root) throws Exception {
    String dockerfile = generate(root).get(1).content();
    assertThat(dockerfile)
        .contains("      libpq5=18.6-3 \\")
        .contains("      postgresql-18=18.6-3\n")
        .contains("      postgresql-18-pgvector=0.8.7-1\n")
        .contains("openjdk-25-jdk-headless=25.0.5+8-1")
        .contains("ARG BASE_IMAGE\n")
        .contains("RUN /usr/local/lib/aza-pg/build/apt-install-locked \\")
        .contains("      --snapshot forky/20261030T080801Z \\")
        .contains("      --snapshot forky/20261030T140801Z \\")
        .contains("STOPSIGNAL SIGINT")
        .contains("VOLUME /var/lib/postgresql")
        .contains("PGDATA=/var/lib/postgresql/18/docker")
        .doesNotContain("build-essential"); // no enabled git entry: no builder stage for it
    assertThat(dockerfile.indexOf("COPY aza-pg.jar"))
        .isGreaterThan(dockerfile.indexOf("verify-files.sh"))
        .isGreaterThan(dockerfile.indexOf("COPY --from=jre"));
  }

  @Test
  void dockerfile_withEnabledGitEntry_addsPgxsStageAtPinnedCommit(@TempDir Path root)
      throws Exception {
    Catalog withGit = catalogWithGitEntry(root, "pgxs");
    String dockerfile = ImageFiles.all(withGit, root).get(1).content();
    assertThat(dockerfile)
        .contains("FROM ${BASE_IMAGE} AS gitbuild")
        .contains("build-essential=12.12")
        .contains("COPY git/vectorscale/ /build/vectorscale/")
        .contains("0123456789abcdef0123456789abcdef01234567")
        .contains("COPY --from=gitbuild /out/ /");
  }

  @Test
  void dockerfile_gitEntryWithUnsupportedBuild_isRefused(@TempDir Path root) throws Exception {
    Catalog withGit = catalogWithGitEntry(root, "cargo-pgrx");
    assertThatThrownBy(() -> ImageFiles.all(withGit, root))
        .hasMessageContaining("vectorscale is enabled with build \"cargo-pgrx\"");
  }

  @Test
  void missingFromLock_namesPackagesTheCatalogNeeds() throws Exception {
    LockFile lock =
        LockFile.parse(Files.readString(Path.of("src/test/resources/image/sample.lock")), "s");
    assertThat(ImageFiles.missingFromLock(catalog, lock))
        .contains("postgresql-18-postgis-3 (extensions)", "pgbouncer (runtime)")
        .doesNotContain("postgresql-18-pgvector (extensions)");
  }

  /** The fixture catalog with its git entry enabled (built with {@code build}), and the lock. */
  private static Catalog catalogWithGitEntry(Path root, String build) throws Exception {
    String text =
        Files.readString(Path.of("src/test/resources/catalog/valid.json"))
            .replace("\"build\": \"cargo-pgrx\"", "\"build\": \"" + build + "\"")
            .replace(
                "\"enabled\": false,\n      \"disabledReason\": \"its source is on GitHub, which the build cannot reach\"",
                "\"enabled\": true");
    Files.createDirectories(root.resolve("image"));
    Files.copy(
        Path.of("src/test/resources/image/sample.lock"), root.resolve("image/packages.lock"));
    return new CatalogLoader().parse(text, "t.json");
  }
}
