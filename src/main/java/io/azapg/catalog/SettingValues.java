package io.azapg.catalog;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Merges server settings from several catalog entries. List-valued settings (such as
 * output_plugin_libraries, where wal2json, pg_squeeze and pg_rewrite each add themselves) are
 * merged as the union of their items in first-seen order; any other setting keeps the last value.
 */
public final class SettingValues {
  /** Settings whose value is a comma-separated list of library names. */
  public static final Set<String> LISTS =
      Set.of(
          "output_plugin_libraries",
          "shared_preload_libraries",
          "session_preload_libraries",
          "local_preload_libraries");

  private SettingValues() {}

  /** Puts {@code value} into {@code settings}, merging list-valued settings. */
  public static void merge(Map<String, String> settings, String name, String value) {
    String current = settings.get(name);
    if (current == null || !LISTS.contains(name)) {
      settings.put(name, value);
      return;
    }
    Set<String> items = new LinkedHashSet<>();
    for (String part : (current + "," + value).split(",")) {
      if (!part.isBlank()) {
        items.add(part.strip());
      }
    }
    settings.put(name, String.join(", ", items));
  }

  /** Merges every entry of {@code more} into {@code settings}. */
  public static void mergeAll(Map<String, String> settings, Map<String, String> more) {
    more.forEach((k, v) -> merge(settings, k, v));
  }
}
