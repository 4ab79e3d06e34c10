package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SbomPartsTest {
  @Test
  void debianLicenceNames_becomeSpdxIds_orStayNames() {
    assertThat(DebianLicenses.spdx("GPL-2+")).contains("GPL-2.0-or-later");
    assertThat(DebianLicenses.spdx("LGPL-2.1")).contains("LGPL-2.1-only");
    assertThat(DebianLicenses.spdx("Expat")).contains("MIT");
    assertThat(DebianLicenses.spdx("BSD-3-clause")).contains("BSD-3-Clause");
    assertThat(DebianLicenses.spdx("PostgreSQL")).contains("PostgreSQL");
    assertThat(DebianLicenses.spdx("public-domain")).isEmpty();
    assertThat(DebianLicenses.of("GPL-2+ with OpenSSL exception").getName())
        .isEqualTo("GPL-2+ with OpenSSL exception");
  }

  @Test
  void sbom_ofPackages_validatesAgainstTheCycloneDxSchema() {
    Catalog catalog = new CatalogLoader().load(Path.of("src/test/resources/catalog/valid.json"));
    ImageInventory.Packages packages =
        new ImageInventory.Packages(
            "forky",
            List.of(
                new DebianPackage("postgresql-18", "18.6-3", "amd64", List.of("PostgreSQL")),
                new DebianPackage(
                    "libc6", "2.43-7", "amd64", List.of("LGPL-2.1+", "public-domain")),
                new DebianPackage("tzdata", "2026f-1", "all", List.of())));
    String json =
        ImageSbom.json(
            ImageSbom.of(
                "localhost/aza-pg:18",
                "sha256:" + "b".repeat(64),
                packages,
                catalog,
                Optional.empty(),
                Instant.EPOCH));
    assertThat(ImageSbom.validate(json)).isEmpty();
    assertThat(json)
        .contains("pkg:deb/debian/postgresql-18@18.6-3?arch=amd64&distro=debian-forky")
        .contains("\"GPL-2.0-or-later\"".replace("GPL-2.0", "LGPL-2.1"));
  }

  @Test
  void index_isDeterministic_andCarriesAnnotationsAndPlatforms() {
    Manifest m =
        new Manifest(Manifest.DOCKER_V2, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    PushedImage amd =
        new PushedImage(
            RepositoryName.parse("127.0.0.1:5000/x"), m.digest(), m, "linux/amd64", "sha256:c", 10);
    Map<String, String> a = Map.of("org.opencontainers.image.title", "aza-pg", "io.aza-pg.x", "1");
    Manifest index = ImageIndex.of(List.of(amd), a);
    assertThat(index.digest()).isEqualTo(ImageIndex.of(List.of(amd), a).digest());
    assertThat(ImageIndex.annotations(index)).isEqualTo(a);
    assertThat(ImageIndex.platforms(index)).containsExactly(Map.entry("linux/amd64", m.digest()));
  }
}
