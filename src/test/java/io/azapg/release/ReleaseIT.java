package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.it.AzaPg;
import io.azapg.it.TestImage;
import io.azapg.process.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release path against a real registry on loopback: build --push by digest, the immutable
 * version tag, release publish and its annotated index, the SBOM, cosign signatures.
 */
class ReleaseIT {
  private static final Duration LONG = Duration.ofMinutes(20);
  private static final Catalog CATALOG =
      new CatalogLoader().load(AzaPg.projectDir().resolve("catalog/extensions.json"));
  private static final String PASSWORD = "it-cosign-" + java.util.UUID.randomUUID();

  private static LoopbackRegistry registry;
  private static String image;
  private static String pushRepo;
  private static List<String> pushedTags;
  private static String pushedDigest;
  private static final List<String> localNames = new ArrayList<>();

  @TempDir static Path temp;

  @BeforeAll
  static void pushOnce() throws Exception {
    image = TestImage.get();
    registry = LoopbackRegistry.start();
    pushRepo = registry.repository("it/push");
    ProcessResult r =
        AzaPg.run(LONG, records(), "build", "--push", "--allow-dirty", "--repository", pushRepo);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<String> lines = r.stdout().lines().toList();
    pushedTags = lines.subList(0, lines.size() - 1);
    pushedDigest = lines.get(lines.size() - 1);
    localNames.addAll(pushedTags);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    // 'untag IMAGE' with no further name strips every name of the image, the shared test image's
    // tags included; 'untag NAME NAME' removes just that one name.
    for (String name : localNames) {
      AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "untag", name, name);
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void buildPush_pushesByDigest_everyTagPointsAtIt_andThePulledImageRuns() throws Exception {
    assertThat(pushedDigest).startsWith(pushRepo + "@sha256:");
    String digest = pushedDigest.substring(pushedDigest.indexOf('@') + 1);
    assertThat(pushedTags).hasSize(5).allMatch(t -> t.startsWith(pushRepo + ":"));
    Registry api = registry(pushRepo);
    for (String tag : pushedTags) {
      assertThat(api.manifest(tag.substring(pushRepo.length() + 1)).orElseThrow().digest())
          .as(tag)
          .isEqualTo(digest);
    }
    String pulled = AzaPg.engine().equals("podman") ? pushedDigest : pushedTags.get(0);
    ProcessResult pull = AzaPg.exec(LONG, AzaPg.engine(), "pull", "--tls-verify=false", pulled);
    assertThat(pull.exitCode()).as(pull.stderr()).isZero();
    ProcessResult run =
        AzaPg.exec(
            Duration.ofMinutes(2),
            AzaPg.engine(),
            "run",
            "--rm",
            "--entrypoint",
            "postgres",
            pulled,
            "--version");
    assertThat(run.stdout()).contains("PostgreSQL) 18.");
    // The same image pushed again lands on the same digest: the export is reproducible. No push
    // record here (a fresh machine, as a CI runner is): the image is really exported again.
    ProcessResult again =
        AzaPg.run(
            LONG,
            Map.of("XDG_CACHE_HOME", temp.resolve("fresh-cache").toString()),
            "build",
            "--push",
            "--allow-dirty",
            "--repository",
            pushRepo);
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stderr()).contains("exporting");
    assertThat(again.stdout().lines().reduce((a, b) -> b)).contains(pushedDigest);
  }

  @Test
  void versionTag_heldByAnotherImage_isNotMoved() throws Exception {
    String repo = registry.repository("it/taken");
    String versionTag = image.substring(image.lastIndexOf(':') + 1);
    ProcessResult other =
        AzaPg.exec(
            LONG,
            AzaPg.engine(),
            "push",
            "--tls-verify=false",
            "localhost/aza-pg-base:forky",
            "docker://" + repo + ":" + versionTag);
    assertThat(other.exitCode()).as(other.stderr()).isZero();
    String before = registry(repo).manifest(versionTag).orElseThrow().digest();
    ProcessResult r =
        AzaPg.run(LONG, records(), "build", "--push", "--allow-dirty", "--repository", repo);
    r.stdout().lines().filter(l -> l.contains(":")).forEach(localNames::add);
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
    assertThat(r.stderr())
        .contains("refusing to move the immutable tag " + repo + ":" + versionTag)
        .contains(before)
        // pushed by digest all the same, as exported for it/push: blobs mounted, none uploaded
        .contains(repo + "@" + pushedDigest.substring(pushedDigest.indexOf('@') + 1))
        .contains("0 blob(s) uploaded")
        .doesNotContain("exporting");
    assertThat(registry(repo).manifest(versionTag).orElseThrow().digest()).isEqualTo(before);
    assertThat(registry(repo).manifest("18")).as("no moving tag written").isEmpty();
  }

  @Test
  void push_toARepositoryWithoutRegistryHost_isRefusedBeforeBuilding() {
    ProcessResult r =
        AzaPg.run(Duration.ofMinutes(2), "build", "--push", "--repository", "localhost/aza-pg-it");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr())
        .contains("names no registry host")
        .contains("hint: name the registry in the repository")
        .doesNotContain("building");
  }

  @Test
  void publish_pushesAnAnnotatedIndex_readBackFromTheRegistry() throws Exception {
    String repo = registry.repository("it/release");
    ProcessResult r =
        AzaPg.run(LONG, records(), "release", "publish", "--allow-dirty", "--to", repo);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String indexRef = r.stdout().lines().findFirst().orElseThrow();
    assertThat(indexRef).startsWith(repo + "@sha256:");
    Manifest index = registry(repo).manifest("18").orElseThrow();
    assertThat(index.mediaType()).isEqualTo(Manifest.OCI_INDEX);
    assertThat(repo + "@" + index.digest()).isEqualTo(indexRef);
    Map<String, String> a = ImageIndex.annotations(index);
    int enabled = CATALOG.derived().counts().enabled();
    assertThat(a)
        .containsEntry(
            "org.opencontainers.image.version", image.substring(image.lastIndexOf(':') + 1))
        .containsEntry("org.opencontainers.image.licenses", "MIT AND PostgreSQL")
        .containsEntry("io.aza-pg.extensions.enabled", Integer.toString(enabled))
        .containsEntry(
            "io.aza-pg.extensions.total", Integer.toString(CATALOG.derived().counts().total()))
        .containsEntry("io.aza-pg.build.type", "single-node")
        .containsKeys(
            "org.opencontainers.image.title",
            "org.opencontainers.image.revision",
            "org.opencontainers.image.created",
            "org.opencontainers.image.source",
            "org.opencontainers.image.base.name",
            "org.opencontainers.image.base.digest");
    assertThat(a.get("org.opencontainers.image.description")).contains(enabled + " extensions");
    // arm64 is locked too, but built under emulation only when named (--platform)
    assertThat(ImageIndex.platforms(index)).containsOnlyKeys("linux/amd64");
    assertThat(r.stderr()).contains("linux/arm64 is locked too but not built by default");
    // built for real, then pushed as the same image build --push pushed (its blobs mounted)
    assertThat(ImageIndex.platforms(index).get("linux/amd64"))
        .isEqualTo(pushedDigest.substring(pushedDigest.indexOf('@') + 1));
    assertThat(r.stderr()).contains("0 blob(s) uploaded");
    // The merge half alone, from the platform digest already in the registry: the same index.
    String platformImage = repo + "@" + ImageIndex.platforms(index).get("linux/amd64");
    ProcessResult merge = AzaPg.run(LONG, "release", "merge", platformImage);
    assertThat(merge.exitCode()).as(merge.stderr()).isZero();
    assertThat(merge.stdout().lines().findFirst()).contains(indexRef);

    Path notes = temp.resolve("notes.md");
    ProcessResult n =
        AzaPg.run(LONG, "release", "notes", "--from", repo + ":18", "-o", notes.toString());
    assertThat(n.exitCode()).as(n.stderr()).isZero();
    assertThat(Files.readString(notes))
        .contains("# aza-pg " + a.get("org.opencontainers.image.version"))
        .contains("| digest | `" + index.digest() + "` |")
        .containsPattern("\\| linux/amd64 \\| [0-9]+ MB compressed \\|")
        .contains("## Extensions (" + enabled + " enabled)")
        .contains("cosign verify --key cosign.pub " + indexRef);

    ProcessResult foreign =
        AzaPg.run(
            LONG, "release", "push", "--allow-dirty", "--to", repo, "--platform", "linux/s390x");
    assertThat(foreign.exitCode()).isEqualTo(3);
    assertThat(foreign.stderr())
        .contains("--platform linux/s390x: image/packages.lock has no packages locked for it")
        .contains("(locked: linux/amd64, linux/arm64)")
        .contains("./aza-pg lock --arch s390x");
  }

  @Test
  void sbom_listsEveryDpkgPackage_validatesAndIsSignedWithTheImage() throws Exception {
    Path sbom = temp.resolve("sbom.json");
    ProcessResult r = AzaPg.run(LONG, "sbom", image, "-o", sbom.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    byte[] json = Files.readAllBytes(sbom);
    assertThat(new JsonParser().validate(json, ImageSbom.VERSION)).isEmpty();
    ProcessResult dpkg =
        AzaPg.exec(
            Duration.ofMinutes(2),
            AzaPg.engine(),
            "run",
            "--rm",
            "--entrypoint",
            "dpkg-query",
            image,
            "-W",
            "-f",
            "${db:Status-Abbrev}\\n");
    long installed = dpkg.stdout().lines().filter(l -> l.startsWith("ii")).count();
    JsonNode components = new ObjectMapper().readTree(json).path("components");
    List<String> purls = new ArrayList<>();
    components.forEach(c -> purls.add(c.path("purl").asText()));
    assertThat(purls.stream().filter(p -> p.startsWith("pkg:deb/debian/")).count())
        .isEqualTo(installed);
    assertThat(purls).anyMatch(p -> p.startsWith("pkg:deb/debian/postgresql-18@"));
    assertThat(purls).anyMatch(p -> p.startsWith("pkg:maven/info.picocli/picocli@"));

    Path keys = temp.resolve("keys");
    Path passwordFile = temp.resolve("password");
    Files.writeString(passwordFile, PASSWORD, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    List<ProcessResult> all = new ArrayList<>();
    ProcessResult keygen =
        AzaPg.run(
            LONG,
            "release",
            "keygen",
            "--dir",
            keys.toString(),
            "--password-file",
            passwordFile.toString());
    all.add(keygen);
    assertThat(keygen.exitCode()).as(keygen.stderr()).isZero();
    assertThat(Files.getPosixFilePermissions(keys.resolve("cosign.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    ProcessResult sign =
        AzaPg.run(
            LONG,
            Map.of("COSIGN_PASSWORD", PASSWORD),
            "release",
            "sign",
            pushedDigest,
            "--key",
            keys.resolve("cosign.key").toString(),
            "--sbom",
            sbom.toString());
    all.add(sign);
    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    ProcessResult verify =
        AzaPg.run(
            LONG,
            "release",
            "verify",
            pushedDigest,
            "--key",
            keys.resolve("cosign.pub").toString(),
            "--sbom");
    all.add(verify);
    assertThat(verify.exitCode()).as(verify.stderr()).isZero();
    assertThat(verify.stdout()).contains("verified (signature and SBOM)");

    // A modified image under the same moving tag: its digest carries no signature. It is the
    // signed image with one label added to its config, every layer shared, written straight into
    // the registry (an engine push would gzip the ~1 GB of layers again for nothing).
    String tampered = tamper(pushRepo, pushedDigest.substring(pushedDigest.indexOf('@') + 1));
    ProcessResult bad =
        AzaPg.run(
            LONG, "release", "verify", tampered, "--key", keys.resolve("cosign.pub").toString());
    all.add(bad);
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.stderr()).contains("does not verify");
    for (ProcessResult p : all) {
      assertThat(p.stdout() + p.stderr() + String.join(" ", p.argv())).doesNotContain(PASSWORD);
    }
  }

  /**
   * Stores, under the tag {@code tampered}, the image {@code digest} with the label {@code
   * tampered=yes} added to its config; returns the tagged reference.
   */
  private static String tamper(String repo, String digest) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Registry api = registry(repo);
    Manifest signed = api.manifest(digest).orElseThrow();
    ObjectNode manifest = (ObjectNode) json.readTree(signed.bytes());
    ObjectNode config =
        (ObjectNode) json.readTree(api.blob(manifest.path("config").path("digest").asText()));
    ((ObjectNode) config.path("config").path("Labels")).put("tampered", "yes");
    byte[] configBytes = json.writeValueAsBytes(config);
    String configDigest = Manifest.sha256(configBytes);
    Path file = temp.resolve("tampered-config.json");
    Files.write(file, configBytes);
    api.uploadBlob(configDigest, file);
    ((ObjectNode) manifest.path("config"))
        .put("digest", configDigest)
        .put("size", configBytes.length);
    Manifest changed = new Manifest(signed.mediaType(), json.writeValueAsBytes(manifest));
    api.putManifest("tampered", changed);
    assertThat(changed.digest()).isNotEqualTo(digest);
    return repo + ":tampered";
  }

  /**
   * The push records every push of this class shares (never the user's own): the image exported for
   * it/push is pushed elsewhere without exporting it again.
   */
  private static Map<String, String> records() {
    return Map.of("XDG_CACHE_HOME", temp.resolve("cache").toString());
  }

  private static Registry registry(String repo) {
    return new Registry(RepositoryName.parse(repo), RegistryCredentials.fromEnvironment(Map.of()));
  }
}
