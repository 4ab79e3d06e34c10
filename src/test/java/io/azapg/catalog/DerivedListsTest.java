package io.azapg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DerivedListsTest {
  private final Catalog catalog =
      new CatalogLoader().load(Path.of("src/test/resources/catalog/valid.json"));

  @Test
  void defaultPreload_isSortedEnabledDefaultLibraries() {
    assertThat(catalog.derived().defaultPreload()).containsExactly("auto_explain", "pg_cron");
  }

  @Test
  void autoCreateOrder_putsDependenciesFirstAndBreaksTiesByName() {
    assertThat(catalog.derived().autoCreateOrder())
        .extracting(Entry::name)
        .containsExactly("pg_cron", "pg_trgm", "vector");
  }

  @Test
  void createOrder_coversEveryEnabledCreatableEntry_dependenciesFirst() {
    List<String> order = catalog.derived().createOrder().stream().map(Entry::name).toList();
    assertThat(order)
        .containsExactly("pg_cron", "pg_trgm", "postgis", "postgis_topology", "vector");
    assertThat(order).doesNotContain("wal2json", "auto_explain", "vectorscale");
  }

  @Test
  void topological_dependencyBeforeDependentEvenWhenNameSortsLater() {
    Entry a = entry("a_dependent", List.of("z_base"));
    Entry z = entry("z_base", List.of());
    Entry m = entry("m_middle", List.of("a_dependent"));
    assertThat(DerivedLists.topological(List.of(m, a, z)))
        .extracting(Entry::name)
        .containsExactly("z_base", "a_dependent", "m_middle");
  }

  @Test
  void aptPackages_areSortedDistinctAndOnlyEnabled() {
    assertThat(catalog.derived().aptPackages())
        .containsExactly(
            "postgresql-18-cron",
            "postgresql-18-pgvector",
            "postgresql-18-postgis-3",
            "postgresql-18-wal2json");
  }

  @Test
  void backgroundWorkers_sumsPreloadedLibraries() {
    assertThat(catalog.derived().backgroundWorkers(List.of("pg_cron", "auto_explain")))
        .isEqualTo(6);
    assertThat(catalog.derived().backgroundWorkers(List.of())).isZero();
  }

  @Test
  void defaultSettings_comeFromPreloadedAndAutoCreatedEntries() {
    assertThat(catalog.derived().defaultSettings())
        .containsEntry("cron.use_background_workers", "on");
  }

  @Test
  void counts_haveOneDefinitionEach() {
    Counts c = catalog.derived().counts();
    assertThat(c.total()).isEqualTo(8);
    assertThat(c.enabled()).isEqualTo(7);
    assertThat(c.disabled()).isEqualTo(1);
    assertThat(c.thirdPartyEnabled()).isEqualTo(5);
    assertThat(c.defaultPreloaded()).isEqualTo(2);
    assertThat(c.autoCreated()).isEqualTo(3);
    assertThat(c.byKind()).containsEntry("extension", 4).containsEntry("builtin", 1);
    assertThat(c.bySource()).containsEntry("apt", 5).containsEntry("builtin", 2);
  }

  private static Entry entry(String name, List<String> deps) {
    return new Entry(
        name,
        name,
        Kind.EXTENSION,
        "utilities",
        "d",
        "PostgreSQL",
        new Source.Apt("p"),
        "1",
        null,
        null,
        null,
        true,
        deps,
        null,
        "SELECT 1",
        "https://x",
        true,
        null,
        null);
  }
}
