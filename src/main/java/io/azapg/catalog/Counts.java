package io.azapg.catalog;

import java.util.Map;
import java.util.TreeMap;

/**
 * The catalog's counters, each with one definition: total and enabled entries; enabled entries by
 * kind, category and source type; default-preloaded and auto-created entries.
 */
public record Counts(
    int total,
    int enabled,
    int disabled,
    int thirdPartyEnabled,
    int defaultPreloaded,
    int autoCreated,
    Map<String, Integer> byKind,
    Map<String, Integer> byCategory,
    Map<String, Integer> bySource) {

  static Counts of(Catalog catalog) {
    Map<String, Integer> byKind = new TreeMap<>();
    Map<String, Integer> byCategory = new TreeMap<>();
    Map<String, Integer> bySource = new TreeMap<>();
    int thirdParty = 0;
    int preloaded = 0;
    int auto = 0;
    for (Entry e : catalog.enabled()) {
      byKind.merge(e.kind().jsonName(), 1, Integer::sum);
      byCategory.merge(e.category(), 1, Integer::sum);
      bySource.merge(e.source().type(), 1, Integer::sum);
      if (!(e.source() instanceof Source.Builtin)) {
        thirdParty++;
      }
      if (e.preloadedByDefault()) {
        preloaded++;
      }
      if (e.autoCreate()) {
        auto++;
      }
    }
    int enabled = catalog.enabled().size();
    return new Counts(
        catalog.extensions().size(),
        enabled,
        catalog.extensions().size() - enabled,
        thirdParty,
        preloaded,
        auto,
        Map.copyOf(byKind),
        Map.copyOf(byCategory),
        Map.copyOf(bySource));
  }
}
