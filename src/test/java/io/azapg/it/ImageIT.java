package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.engine.ItEngine;
import io.azapg.image.BaseReference;
import io.azapg.image.RuntimeTooling;
import io.azapg.process.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's image, built by aza-pg build, proven by aza-pg verify-image. */
class ImageIT {
  private static String image;
  private static final Catalog CATALOG =
      new CatalogLoader().load(AzaPg.projectDir().resolve("catalog/extensions.json"));

  @BeforeAll
  static void build() {
    image = TestImage.get();
  }

  @Test
  void verifyImage_everyEnabledEntryIsCreatedAndWorks() {
    ProcessResult r = AzaPg.run(Duration.ofMinutes(10), "verify-image", image);
    assertThat(r.exitCode()).as("%s%n%s", r.stdout(), r.stderr()).isZero();
    int creatable = CATALOG.derived().createOrder().size();
    assertThat(r.stdout()).contains(" 0 failed");
    assertThat(r.stdout().lines().filter(l -> l.endsWith(" create: ok")).count())
        .isEqualTo(creatable);
    assertThat(r.stdout().lines().filter(l -> l.endsWith(" smoke: ok")).count())
        .isEqualTo(CATALOG.enabled().size());
  }

  @Test
  void secondBuild_isACacheHitWithTheSameImage() {
    String before = imageId(image);
    ProcessResult again = AzaPg.run(Duration.ofMinutes(10), "build");
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stdout().lines().findFirst()).contains(image);
    assertThat(imageId(image)).isEqualTo(before);
    // Nothing changed, so the engine was not even asked: the image's build-inputs label matched.
    assertThat(again.stderr()).contains("not rebuilding").contains("up to date: " + image);
  }

  @Test
  void image_followsTheOfficialLayoutAndCarriesLabels() throws Exception {
    JsonNode config = inspect(image).path("Config");
    assertThat(config.path("Env").toString())
        .contains("PGDATA=/var/lib/postgresql/18/docker")
        .contains("LANG=en_US.utf8");
    assertThat(config.path("StopSignal").asText()).isIn("SIGINT", "2");
    assertThat(config.path("Volumes").has("/var/lib/postgresql")).isTrue();
    assertThat(config.path("ExposedPorts").has("5432/tcp")).isTrue();
    JsonNode labels = config.path("Labels");
    assertThat(labels.path("org.opencontainers.image.revision").asText())
        .isNotBlank()
        .isNotEqualTo("unknown");
    assertThat(labels.path("org.opencontainers.image.version").asText()).endsWith("-single-node");
    assertThat(labels.path("io.aza-pg.extensions.third-party").asInt())
        .isEqualTo(CATALOG.derived().counts().thirdPartyEnabled());
    assertThat(labels.path("org.opencontainers.image.description").asText())
        .contains(CATALOG.derived().counts().thirdPartyEnabled() + " third-party");
    assertThat(labels.path("io.aza-pg.build.inputs").asText()).matches("sha256:[0-9a-f]{64}");
    ProcessResult hc =
        AzaPg.exec(
            Duration.ofSeconds(30),
            AzaPg.engine(),
            "image",
            "inspect",
            "--format",
            "{{json .HealthCheck}}",
            image);
    assertThat(hc.stdout()).contains("aza-pg-healthcheck");
  }

  @Test
  void image_hasNoCompilersAndRunsAsPostgres999() {
    // Not --rm: the docker CLI on Podman's API would lose the exit code; removed below.
    String name = "aza-pg-it-tools-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    ProcessResult r =
        AzaPg.exec(
            Duration.ofMinutes(1),
            AzaPg.engine(),
            "run",
            "--name",
            name,
            "--entrypoint",
            "/bin/bash",
            image,
            "-c",
            "id -u postgres; id -g postgres; for t in gcc cc c++ make clang; do command -v $t || true; done;"
                + " /opt/aza-pg/jre/bin/java -version 2>&1 | head -1; locale -a | grep -i en_us");
    AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "rm", "--force", name);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout().lines().toList()).startsWith("999", "999");
    assertThat(r.stdout()).doesNotContain("/gcc").doesNotContain("/make").doesNotContain("/cc");
    assertThat(r.stdout()).contains("openjdk version").containsIgnoringCase("en_US.utf8");
  }

  @Test
  void image_isBuiltFromTheBaseByDigest() throws Exception {
    BaseReference base = BaseReference.resolve(ItEngine.require(), TestImage.baseName());
    JsonNode built = inspect(image);
    JsonNode labels = built.path("Config").path("Labels");

    assertThat(base.pinned()).matches(".+@sha256:[0-9a-f]{64}|sha256:[0-9a-f]{64}");
    assertThat(labels.path("org.opencontainers.image.base.name").asText())
        .isEqualTo(TestImage.baseName());
    assertThat(labels.path("org.opencontainers.image.base.digest").asText())
        .isEqualTo(base.digest());
    List<String> baseLayers = layers(inspect(base.pinned()));
    assertThat(layers(built)).startsWith(baseLayers.toArray(String[]::new));
  }

  @Test
  void image_hasNoDevelopmentOrGpgPackageWithoutAReason_andDpkgIsConsistent() {
    ProcessResult r =
        AzaPg.exec(
            Duration.ofMinutes(1),
            AzaPg.engine(),
            "run",
            "--rm",
            "--entrypoint",
            "/bin/bash",
            image,
            "-c",
            "dpkg-query -W -f='${Package}\n' && apt-get check -q >/dev/null && dpkg --audit"
                + " && echo DPKG-CONSISTENT && readlink /usr/lib/*/libmysqlclient.so");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<String> packages = r.stdout().lines().toList();

    assertThat(RuntimeTooling.unexplained(packages, CATALOG))
        .as("development or GPG packages in the image without a reason in the catalog")
        .isEmpty();
    assertThat(packages)
        .contains("aza-pg-libmysqlclient-link", "DPKG-CONSISTENT", "libmariadb.so.3")
        .doesNotContain("libc6-dev", "libssl-dev", "linux-libc-dev", "gnupg", "gpg-agent");
  }

  private static List<String> layers(JsonNode inspected) {
    List<String> layers = new ArrayList<>();
    inspected.path("RootFS").path("Layers").forEach(l -> layers.add(l.asText()));
    return layers;
  }

  private static String imageId(String ref) {
    return AzaPg.exec(
            Duration.ofSeconds(30), AzaPg.engine(), "image", "inspect", "--format", "{{.Id}}", ref)
        .stdout()
        .strip();
  }

  private static JsonNode inspect(String ref) throws Exception {
    ProcessResult r = AzaPg.exec(Duration.ofSeconds(30), AzaPg.engine(), "image", "inspect", ref);
    return new ObjectMapper().readTree(r.stdout()).get(0);
  }
}
