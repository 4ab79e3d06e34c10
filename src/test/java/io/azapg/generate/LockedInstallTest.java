package io.azapg.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockedInstallTest {
  @Test
  void run_installsThePinsWithTheArchiveStateToFallBackTo() {
    assertThat(
            LockedInstall.run(List.of("a=1", "b=2"), List.of("forky/20261030T080801Z"), List.of()))
        .containsExactly(
            "RUN /usr/local/lib/aza-pg/build/apt-install-locked \\",
            "      --snapshot forky/20261030T080801Z \\",
            "      a=1 \\",
            "      b=2");
  }

  @Test
  void run_buildsStandInsFirstAndRemovesThemAfter() {
    StandIn s =
        new StandIn("aza-pg-x-link", "libx-dev", "libx1", List.of("libx.so=libx.so.1"), "p", "r");

    assertThat(LockedInstall.run(List.of("a=1"), List.of(), List.of(s)))
        .containsExactly(
            "RUN /usr/local/lib/aza-pg/build/make-standin /tmp/aza-pg-standins/aza-pg-x-link.deb"
                + " aza-pg-x-link libx-dev libx1 libx.so=libx.so.1 \\",
            " && /usr/local/lib/aza-pg/build/apt-install-locked \\",
            "      --deb /tmp/aza-pg-standins/aza-pg-x-link.deb \\",
            "      a=1 \\",
            " && rm -rf /tmp/aza-pg-standins");
  }

  @Test
  void standIns_areThereOnlyForTheCatalogPackagesThatNeedThem() {
    Catalog project = new CatalogLoader().load(Path.of("catalog/extensions.json"));
    Catalog small = new CatalogLoader().load(Path.of("src/test/resources/catalog/valid.json"));

    assertThat(StandIn.forCatalog(project))
        .extracting(StandIn::name)
        .containsExactly("aza-pg-libmysqlclient-link");
    assertThat(StandIn.forCatalog(small)).isEmpty();
  }
}
