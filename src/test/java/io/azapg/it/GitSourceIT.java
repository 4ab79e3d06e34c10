package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azapg.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the git + PGXS path: the C fixture extension, committed to a local git repository, becomes
 * an enabled catalog entry pinned at its commit, is compiled in the builder stage and works in the
 * built image.
 */
class GitSourceIT {
  private final String repository =
      "localhost/aza-pg-gitsource-"
          + HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(3));

  private static final String UPSTREAM = "https://example.invalid/aza/aza_fixture.git";

  @TempDir Path dir;
  private String fixtureCommit;

  @AfterEach
  void removeImage() {
    ProcessResult tags =
        AzaPg.exec(
            Duration.ofSeconds(30),
            AzaPg.engine(),
            "images",
            "--format",
            "{{.Repository}}:{{.Tag}}",
            repository);
    tags.stdout()
        .lines()
        .filter(l -> !l.isBlank())
        .forEach(t -> AzaPg.exec(Duration.ofSeconds(30), AzaPg.engine(), "rmi", t));
  }

  @Test
  void mirrorWithoutThePinnedCommit_failsTheBuildNamingEntryUrlAndMirror() throws Exception {
    Path mirror = mirrorOfFixture();
    String absent = "0123456789abcdef0123456789abcdef01234567";
    Path catalogFile = catalogWith(UPSTREAM, absent);

    ProcessResult build =
        AzaPg.run(
            Duration.ofMinutes(5),
            java.util.Map.of("AZA_PG_GIT_MIRROR", mirror.toString()),
            "build",
            "--catalog",
            catalogFile.toString(),
            "--repository",
            repository);

    assertThat(build.exitCode()).as(build.stderr()).isEqualTo(3);
    assertThat(build.stderr())
        .contains("catalog entry aza_fixture")
        .contains(UPSTREAM)
        .contains("git mirror " + mirror)
        .contains("the pinned commit " + absent + " is not in the repository");
  }

  @Test
  void pinThatIsNotTheCheckedOutCommit_failsTheBuild() throws Exception {
    Path mirror = mirrorOfFixture();
    // An annotated tag's own id: git checks out the commit it points to, which is not the pin.
    String tagObject = git(dir.resolve("aza_fixture"), "rev-parse", "fixture-1.0").strip();
    Path catalogFile = catalogWith(UPSTREAM, tagObject);

    ProcessResult build =
        AzaPg.run(
            Duration.ofMinutes(5),
            "build",
            "--catalog",
            catalogFile.toString(),
            "--repository",
            repository,
            "--git-mirror",
            mirror.toString());

    assertThat(build.exitCode()).as(build.stderr()).isEqualTo(3);
    assertThat(build.stderr())
        .contains("catalog entry aza_fixture: checked out " + fixtureCommit)
        .contains("but the catalog pins " + tagObject);
  }

  /** The fixture committed and tagged, mirrored bare at example.invalid/aza/aza_fixture.git. */
  private Path mirrorOfFixture() throws Exception {
    Path repo = fixtureRepository();
    git(
        repo,
        "-c",
        "user.name=aza-pg",
        "-c",
        "user.email=it@aza-pg.invalid",
        "tag",
        "-a",
        "-m",
        "fixture 1.0",
        "fixture-1.0");
    Path mirror = dir.resolve("mirror");
    // A complete mirror, as a real one is: the project's own git entries' hosts linked in.
    String env = System.getenv("AZA_PG_GIT_MIRROR");
    Path shared =
        env != null && !env.isBlank()
            ? Path.of(env)
            : AzaPg.defaultGitMirror()
                .orElseThrow(() -> new AssertionError("no git mirror: set AZA_PG_GIT_MIRROR"));
    Files.createDirectories(mirror);
    try (Stream<Path> hosts = Files.list(shared)) {
      for (Path host : hosts.toList()) {
        Files.createSymbolicLink(mirror.resolve(host.getFileName().toString()), host);
      }
    }
    Path bare = mirror.resolve("example.invalid/aza/aza_fixture.git");
    Files.createDirectories(bare.getParent());
    ProcessResult clone =
        AzaPg.exec(
            Duration.ofSeconds(60),
            "git",
            "clone",
            "--quiet",
            "--bare",
            repo.toString(),
            bare.toString());
    assertThat(clone.exitCode()).as(clone.stderr()).isZero();
    return mirror;
  }

  private Path fixtureRepository() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("aza_fixture"));
    try (Stream<Path> files =
        Files.list(AzaPg.projectDir().resolve("src/test/resources/fixture-extension"))) {
      for (Path f : files.toList()) {
        Files.copy(f, repo.resolve(f.getFileName().toString()));
      }
    }
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(
        repo,
        "-c",
        "user.name=aza-pg",
        "-c",
        "user.email=it@aza-pg.invalid",
        "commit",
        "-q",
        "-m",
        "fixture");
    fixtureCommit = git(repo, "rev-parse", "HEAD").strip();
    return repo;
  }

  /**
   * The project's catalog with the fixture entry first: the build checks git sources out in catalog
   * order, so a bad pin fails at once instead of after the project's ten git entries are cloned.
   */
  private Path catalogWith(String url, String commit) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode catalog =
        (ObjectNode) json.readTree(AzaPg.projectDir().resolve("catalog/extensions.json").toFile());
    ObjectNode entry = ((ArrayNode) catalog.get("extensions")).insertObject(0);
    entry
        .put("name", "aza_fixture")
        .put("displayName", "aza-pg fixture")
        .put("kind", "extension")
        .put("category", "testing")
        .put("description", "Test fixture built from git with PGXS.")
        .put("license", "MIT")
        .put("version", "1.0")
        .put("autoCreate", false)
        .put("smoke", "SELECT aza_fixture_add(2, 3) = 5")
        .put("docsUrl", "https://example.invalid/aza_fixture")
        .put("enabled", true);
    entry.putArray("dependencies");
    entry
        .putObject("source")
        .put("type", "git")
        .put("repository", url)
        .put("tag", "fixture")
        .put("commit", commit)
        .put("build", "pgxs");
    Path catalogFile = dir.resolve("catalog.json");
    json.writerWithDefaultPrettyPrinter().writeValue(catalogFile.toFile(), catalog);
    return catalogFile;
  }

  @Test
  void gitEntry_isBuiltAtItsPinnedCommitAndWorks() throws Exception {
    TestImage.get(); // shares the cached layers of the project image
    Path repo = Files.createDirectories(dir.resolve("aza_fixture"));
    try (Stream<Path> files =
        Files.list(AzaPg.projectDir().resolve("src/test/resources/fixture-extension"))) {
      for (Path f : files.toList()) {
        Files.copy(f, repo.resolve(f.getFileName().toString()));
      }
    }
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(
        repo,
        "-c",
        "user.name=aza-pg",
        "-c",
        "user.email=it@aza-pg.invalid",
        "commit",
        "-q",
        "-m",
        "fixture");
    String commit = git(repo, "rev-parse", "HEAD").strip();

    ObjectMapper json = new ObjectMapper();
    ObjectNode catalog =
        (ObjectNode) json.readTree(AzaPg.projectDir().resolve("catalog/extensions.json").toFile());
    // Appended: its builder stage's COPY then comes after the project's, whose layers stay cached.
    ObjectNode entry = ((ArrayNode) catalog.get("extensions")).addObject();
    entry
        .put("name", "aza_fixture")
        .put("displayName", "aza-pg fixture")
        .put("kind", "extension")
        .put("category", "testing")
        .put("description", "Test fixture built from git with PGXS.")
        .put("license", "MIT")
        .put("version", "1.0")
        .put("autoCreate", false)
        .put("smoke", "SELECT aza_fixture_add(2, 3) = 5")
        .put("docsUrl", "https://example.invalid/aza_fixture")
        .put("enabled", true);
    entry.putArray("dependencies");
    entry
        .putObject("source")
        .put("type", "git")
        .put("repository", "file://" + repo)
        .put("tag", "fixture")
        .put("commit", commit)
        .put("build", "pgxs");
    Path catalogFile = dir.resolve("catalog.json");
    json.writerWithDefaultPrettyPrinter().writeValue(catalogFile.toFile(), catalog);

    ProcessResult build =
        AzaPg.run(
            Duration.ofMinutes(20),
            "build",
            "--catalog",
            catalogFile.toString(),
            "--repository",
            repository);
    assertThat(build.exitCode()).as(build.stderr()).isZero();
    assertThat(build.stderr()).contains("fetching aza_fixture").contains(commit.substring(0, 12));
    String tag = build.stdout().lines().findFirst().orElseThrow();

    // The other entries are proven on the project's image (ImageIT); this one is what is new here.
    ProcessResult verify =
        AzaPg.run(
            Duration.ofMinutes(10),
            "verify-image",
            "--catalog",
            catalogFile.toString(),
            "--only",
            "aza_fixture",
            tag);
    assertThat(verify.exitCode()).as("%s%n%s", verify.stdout(), verify.stderr()).isZero();
    assertThat(verify.stdout())
        .contains("aza_fixture create: ok")
        .contains("aza_fixture smoke: ok")
        .contains("2 passed, 0 failed");
  }

  private static String git(Path repo, String... args) {
    String[] argv = new String[args.length + 3];
    argv[0] = "git";
    argv[1] = "-C";
    argv[2] = repo.toString();
    System.arraycopy(args, 0, argv, 3, args.length);
    ProcessResult r = AzaPg.exec(Duration.ofSeconds(30), argv);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdout();
  }
}
