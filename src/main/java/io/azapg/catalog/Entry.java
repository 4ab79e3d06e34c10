package io.azapg.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One catalog entry: an extension, module, tool or builtin, and everything known about it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entry(
    String name,
    String displayName,
    Kind kind,
    String category,
    String description,
    String license,
    Source source,
    String version,
    String extensionVersion,
    String schema,
    Preload preload,
    boolean autoCreate,
    List<String> dependencies,
    Map<String, String> settings,
    String smoke,
    String docsUrl,
    boolean enabled,
    String disabledReason,
    String notes) {

  public Entry {
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    settings =
        settings == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /**
   * The version CREATE EXTENSION installs ({@code default_version} of the control file): {@code
   * extensionVersion} when the catalog gives one (the packaged version and the SQL version differ,
   * e.g. pg_cron 1.6.8 installs 1.6), else {@code version}.
   */
  public String sqlVersion() {
    return extensionVersion != null ? extensionVersion : version;
  }

  /** The schema CREATE EXTENSION puts the entry in, when the catalog names one. */
  public Optional<String> targetSchema() {
    return Optional.ofNullable(schema);
  }

  /** The preload description, when the entry has a preloadable library. */
  public Optional<Preload> preloadSpec() {
    return Optional.ofNullable(preload);
  }

  /** Whether the entry is preloaded in the image's default configuration. */
  public boolean preloadedByDefault() {
    return enabled && preload != null && preload.onByDefault();
  }

  /** Whether the entry only works (fully) when its library is preloaded. */
  public boolean requiresPreload() {
    return preload != null && preload.required();
  }
}
