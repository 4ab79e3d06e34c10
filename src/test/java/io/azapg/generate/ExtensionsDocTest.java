package io.azapg.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExtensionsDocTest {
  @Test
  void render_fixtureCatalog_matchesGoldenFile() {
    Catalog catalog = new CatalogLoader().load(Path.of("src/test/resources/catalog/valid.json"));
    GoldenFiles.assertMatches(
        Path.of("src/test/resources/golden/extensions-doc/valid.md"),
        new ExtensionsDoc(catalog).render());
  }

  @Test
  void render_isDeterministicAndMarkedGenerated() {
    Catalog catalog = new CatalogLoader().load(Path.of("src/test/resources/catalog/valid.json"));
    String first = new ExtensionsDoc(catalog).render();
    assertThat(new ExtensionsDoc(catalog).render()).isEqualTo(first);
    assertThat(first).startsWith(ExtensionsDoc.HEADER).doesNotContain("\r");
  }

  @Test
  void projectDocs_areUpToDateWithTheProjectCatalog() {
    Catalog catalog = new CatalogLoader().load(Path.of("catalog/extensions.json"));
    assertThat(new GeneratedFiles(Path.of(".")).stale(Generators.docs(catalog)))
        .as("generated files are stale: run ./aza-pg generate and commit the result")
        .isEmpty();
  }
}
