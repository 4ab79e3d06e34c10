package io.azapg.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.azapg.catalog.Catalog;
import io.azapg.catalog.Counts;
import io.azapg.catalog.DerivedLists;
import io.azapg.catalog.Entry;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code version-info.json}, the image's description of itself: PostgreSQL version, catalog
 * counts, preload and creation lists, every enabled entry with its version, and every disabled
 * entry with its reason. No timestamps, so it is byte-stable for a given input.
 */
final class VersionInfo {
  private final Catalog catalog;
  private final ImageInputs inputs;

  VersionInfo(Catalog catalog, ImageInputs inputs) {
    this.catalog = catalog;
    this.inputs = inputs;
  }

  String render() {
    DerivedLists derived = catalog.derived();
    Counts c = derived.counts();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("postgresVersion", inputs.postgresVersion());
    root.put("postgresMajor", catalog.postgresMajor());
    root.put("buildType", "single-node");
    root.put("profile", inputs.profile());
    root.put("debianSuite", inputs.suite());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("total", c.total());
    counts.put("enabled", c.enabled());
    counts.put("disabled", c.disabled());
    counts.put("thirdPartyEnabled", c.thirdPartyEnabled());
    counts.put("preloadedByDefault", c.defaultPreloaded());
    counts.put("createdAtInit", c.autoCreated());
    counts.put("byKind", c.byKind());
    counts.put("bySource", c.bySource());
    root.put("counts", counts);
    root.put("defaultPreload", derived.defaultPreload());
    root.put("createdAtInit", derived.autoCreateOrder().stream().map(Entry::name).toList());
    List<Map<String, Object>> enabled = new ArrayList<>();
    for (Entry e : catalog.enabled()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.name());
      m.put("version", e.version());
      m.put("kind", e.kind().jsonName());
      m.put("category", e.category());
      m.put("source", e.source().describe());
      enabled.add(m);
    }
    root.put("extensions", enabled);
    List<Map<String, Object>> disabled = new ArrayList<>();
    for (Entry e : catalog.extensions()) {
      if (!e.enabled()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("reason", e.disabledReason());
        disabled.add(m);
      }
    }
    root.put("disabled", disabled);
    try {
      return JsonMapper.builder()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .build()
              .writeValueAsString(root)
              .replace("\r\n", "\n")
          + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
