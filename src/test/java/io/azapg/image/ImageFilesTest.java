package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.GoldenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
  void all_rendersDocsImageFilesAndStacks_imageFilesMatchingGoldenFiles(@TempDir Path root)
      throws Exception {
    List<GeneratedFile> files = generate(root);
    assertThat(files.subList(0, 5))
        .extracting(GeneratedFile::path)
        .containsExactly(
            "docs/EXTENSIONS.md",
            "image/Dockerfile",
            "image/generated/verify-files.sh",
            "image/generated/version-info.json",
            "image/generated/IMAGE-CONTENTS.txt");
    // the committed stacks are generated files too (their own golden tests: StackFilesTest)
    assertThat(files.subList(5, files.size()))
        .extracting(GeneratedFile::path)
        .contains("stacks/primary/compose.yaml", "stacks/replica/compose.yaml")
        .allMatch(p -> p.startsWith("stacks/"));
    for (GeneratedFile f : files.subList(1, 5)) {
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
        .contains("FROM gitbuild AS build-vectorscale")
        .contains("RUN make -C /build/vectorscale USE_PGXS=1 -j\"$(nproc)\"")
        .contains("COPY --from=build-vectorscale /out/ /");
    // the toolchain first, then the entry's own stage: a change to its source rebuilds that only
    assertThat(dockerfile.indexOf("FROM gitbuild AS build-vectorscale"))
        .isGreaterThan(dockerfile.indexOf("build-essential=12.12"));
  }

  @Test
  void dockerfile_gitEntryAppendedToTheCatalog_changesNothingBeforeItsOwnCopy(@TempDir Path root)
      throws Exception {
    Catalog withGit = catalogWithGitEntry(root, "pgxs");
    ObjectMapper json = new ObjectMapper();
    ObjectNode tree = (ObjectNode) json.readTree(catalogTextWithGitEntry("pgxs"));
    ArrayNode entries = (ArrayNode) tree.get("extensions");
    for (JsonNode e : entries) {
      if (e.path("name").asText().equals("vectorscale")) {
        // a name that sorts first: catalog order, not name order, places its files
        entries.add(((ObjectNode) e.deepCopy()).put("name", "aaa_added"));
        break;
      }
    }
    Catalog appended = new CatalogLoader().parse(json.writeValueAsString(tree), "t.json");
    String before = ImageFiles.all(withGit, root).get(1).content();
    String after = ImageFiles.all(appended, root).get(1).content();

    int copy = after.indexOf("COPY --from=build-aaa-added /out/ /");
    assertThat(copy).isGreaterThan(after.indexOf("COPY --from=build-vectorscale /out/ /"));
    // every step of the final stage before the new entry's COPY is the same, so stays cached
    String finalStage = "FROM ${BASE_IMAGE}\n";
    assertThat(steps(after.substring(after.indexOf(finalStage), copy)))
        .isEqualTo(
            steps(
                before.substring(
                    before.indexOf(finalStage),
                    before.indexOf("COPY --from=build-vectorscale /out/ /")
                        + "COPY --from=build-vectorscale /out/ /".length())));
    // the runtime directories, the JRE and the image's settings come before the git entries'
    // files; the file check, the scripts, the catalog's descriptions, the jar and the ahead-of-time
    // cache (of that jar) after them
    for (String step :
        List.of(
            "RUN mkdir -p /var/run/postgresql",
            "COPY --from=jre",
            "VOLUME /var/lib/postgresql",
            "STOPSIGNAL SIGINT",
            "HEALTHCHECK ",
            "ENTRYPOINT ",
            "CMD [\"postgres\"]")) {
      assertThat(after.indexOf(step)).as(step).isPositive().isLessThan(copy);
    }
    List<String> tail =
        List.of(
            "COPY generated/verify-files.sh",
            "RUN bash /usr/local/lib/aza-pg/verify-files.sh",
            "COPY files/ /usr/local/bin/",
            "COPY generated/version-info.json generated/IMAGE-CONTENTS.txt",
            "COPY aza-pg.jar /opt/aza-pg/aza-pg.jar",
            "-XX:AOTCacheOutput=");
    int last = copy;
    for (String step : tail) {
      assertThat(after.indexOf(step)).as(step).isGreaterThan(last);
      last = after.indexOf(step);
    }
  }

  /** A Dockerfile part's instructions, without its comments (they are no layers). */
  private static List<String> steps(String dockerfile) {
    return dockerfile.lines().filter(l -> !l.startsWith("#")).toList();
  }

  @Test
  void dockerfile_cmakeEntry_configuresWithItsOptionsAndInstallsIntoOut(@TempDir Path root)
      throws Exception {
    Catalog withGit = catalogWithGitEntry(root, "cmake", "-DAPACHE_ONLY=OFF");
    String dockerfile = ImageFiles.all(withGit, root).get(1).content();
    assertThat(dockerfile)
        .contains(
            "RUN cmake -S /build/vectorscale -B /build/vectorscale/.build -DCMAKE_BUILD_TYPE=Release \\\n"
                + "      -DAPACHE_ONLY=OFF \\\n"
                + " && cmake --build /build/vectorscale/.build --parallel \"$(nproc)\" \\\n"
                + " && DESTDIR=/out cmake --install /build/vectorscale/.build\n")
        .contains("COPY --from=build-vectorscale /out/ /");
  }

  @Test
  void dockerfile_mesonEntry_setsUpCompilesAndInstalls(@TempDir Path root) throws Exception {
    Catalog withGit = catalogWithGitEntry(root, "meson", "-Dtest=false");
    String dockerfile = ImageFiles.all(withGit, root).get(1).content();
    assertThat(dockerfile)
        .contains("RUN meson setup /build/vectorscale/.build")
        .contains("      -Dtest=false \\\n")
        .contains("meson compile -C /build/vectorscale/.build -j \"$(nproc)\"")
        .contains("DESTDIR=/out meson install -C /build/vectorscale/.build");
  }

  @Test
  void dockerfile_pgxsEntryWithOptions_isRefused(@TempDir Path root) throws Exception {
    Catalog withGit = catalogWithGitEntry(root, "pgxs", "-DX=1");
    assertThatThrownBy(() -> ImageFiles.all(withGit, root))
        .hasMessageContaining(
            "vectorscale has options, which only the cmake and meson builds take");
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
  private static Catalog catalogWithGitEntry(Path root, String build, String... options)
      throws Exception {
    String text = catalogTextWithGitEntry(build, options);
    Files.createDirectories(root.resolve("image"));
    Files.copy(
        Path.of("src/test/resources/image/sample.lock"),
        root.resolve("image/packages.lock"),
        StandardCopyOption.REPLACE_EXISTING);
    return new CatalogLoader().parse(text, "t.json");
  }

  private static String catalogTextWithGitEntry(String build, String... options) throws Exception {
    String optionList =
        options.length == 0 ? "" : ", \"options\": [\"" + String.join("\", \"", options) + "\"]";
    return Files.readString(Path.of("src/test/resources/catalog/valid.json"))
        .replace("\"build\": \"cargo-pgrx\"", "\"build\": \"" + build + "\"" + optionList)
        .replace(
            "\"enabled\": false,\n      \"disabledReason\": \"its source is on GitHub, which the build cannot reach\"",
            "\"enabled\": true");
  }
}
