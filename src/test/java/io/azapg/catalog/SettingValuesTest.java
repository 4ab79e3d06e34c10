package io.azapg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SettingValuesTest {
  @Test
  void merge_listSettingsAreUnionsInFirstSeenOrder() {
    Map<String, String> s = new TreeMap<>();
    SettingValues.merge(s, "output_plugin_libraries", "pgoutput, test_decoding, wal2json");
    SettingValues.merge(s, "output_plugin_libraries", "pgoutput, test_decoding, pg_squeeze");
    assertThat(s)
        .containsEntry("output_plugin_libraries", "pgoutput, test_decoding, wal2json, pg_squeeze");
  }

  @Test
  void merge_otherSettingsKeepTheLastValue() {
    Map<String, String> s = new TreeMap<>(Map.of("wal_level", "replica"));
    SettingValues.merge(s, "wal_level", "logical");
    assertThat(s).containsEntry("wal_level", "logical");
  }

  @Test
  void projectCatalog_preloadOrderPutsDependenciesFirst() {
    DerivedLists d =
        new CatalogLoader().load(java.nio.file.Path.of("catalog/extensions.json")).derived();
    List<String> all = d.allPreloadable();
    assertThat(all).contains("pg_stat_statements", "pg_stat_kcache");
    assertThat(all.indexOf("pg_stat_statements")).isLessThan(all.indexOf("pg_stat_kcache"));
    assertThat(d.defaultSettings().get("output_plugin_libraries")).contains("wal2json");
  }
}
