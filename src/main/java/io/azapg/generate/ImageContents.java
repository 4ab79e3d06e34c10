package io.azapg.generate;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.DerivedLists;
import io.azapg.catalog.Entry;
import io.azapg.catalog.Kind;
import java.util.List;
import java.util.Locale;

/** Renders {@code IMAGE-CONTENTS.txt}: what is in the image, readable with {@code cat}. */
final class ImageContents {
  private final Catalog catalog;
  private final ImageInputs inputs;
  private final StringBuilder out = new StringBuilder();

  ImageContents(Catalog catalog, ImageInputs inputs) {
    this.catalog = catalog;
    this.inputs = inputs;
  }

  String render() {
    DerivedLists d = catalog.derived();
    line(
        "aza-pg: PostgreSQL "
            + inputs.postgresVersion()
            + " on Debian "
            + inputs.suite()
            + " ("
            + inputs.profile()
            + " profile)");
    line("Generated from catalog/extensions.json; see docs/EXTENSIONS.md for details.");
    line("");
    line("DEFAULT shared_preload_libraries: " + String.join(",", d.defaultPreload()));
    line(
        "CREATED ON FIRST START (in POSTGRES_DB): "
            + String.join(", ", d.autoCreateOrder().stream().map(Entry::name).toList()));
    line("");
    section(
        "EXTENSIONS (CREATE EXTENSION)",
        catalog.enabled().stream().filter(e -> e.kind().createsExtension()).toList());
    section(
        "MODULES (shared_preload_libraries only)",
        catalog.enabled().stream().filter(e -> e.kind() == Kind.MODULE).toList());
    section(
        "TOOLS AND OUTPUT PLUGINS",
        catalog.enabled().stream().filter(e -> e.kind() == Kind.TOOL).toList());
    List<Entry> disabled = catalog.extensions().stream().filter(e -> !e.enabled()).toList();
    line("NOT IN THIS IMAGE (" + disabled.size() + ")");
    for (Entry e : disabled) {
      line("  " + e.name() + ": " + e.disabledReason());
    }
    return out.toString();
  }

  private void section(String title, List<Entry> entries) {
    line(title + " (" + entries.size() + ")");
    for (Entry e : entries) {
      line(String.format(Locale.ROOT, "  %-30s %-12s %s", e.name(), e.version(), e.description()));
    }
    line("");
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
