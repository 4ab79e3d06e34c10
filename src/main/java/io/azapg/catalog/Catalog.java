package io.azapg.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated extension catalog: the single source of truth for the image. */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"$schema"})
public record Catalog(
    int postgresMajor,
    List<Entry> extensions,
    List<Excluded> excluded,
    List<KeptTooling> keptTooling) {

  public Catalog {
    extensions = List.copyOf(extensions);
    excluded = excluded == null ? List.of() : List.copyOf(excluded);
    keptTooling = keptTooling == null ? List.of() : List.copyOf(keptTooling);
  }

  /** The recorded reason the image keeps a development or GPG package, if there is one. */
  public Optional<KeptTooling> keptTooling(String pkg) {
    return keptTooling.stream().filter(k -> k.pkg().equals(pkg)).findFirst();
  }

  /** Finds an entry by name. */
  public Optional<Entry> find(String name) {
    return extensions.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * Finds an entry by name or fails with a message that suggests the closest name.
   *
   * @throws io.azapg.common.AzaPgException with exit code INVALID_INPUT when there is none
   */
  public Entry require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new io.azapg.common.AzaPgException(
                    io.azapg.common.ExitCode.INVALID_INPUT,
                    "no catalog entry named \""
                        + name
                        + "\""
                        + Suggestions.hint(name, byName().keySet()),
                    List.of("'aza-pg catalog list' shows every entry")));
  }

  /** The entries that are in the image. */
  public List<Entry> enabled() {
    return extensions.stream().filter(Entry::enabled).toList();
  }

  /** Entries by name, in file order. */
  public Map<String, Entry> byName() {
    Map<String, Entry> map = new LinkedHashMap<>();
    for (Entry entry : extensions) {
      map.putIfAbsent(entry.name(), entry);
    }
    return map;
  }

  /** The lists derived from this catalog (preload, creation order, packages, counts). */
  public DerivedLists derived() {
    return new DerivedLists(this);
  }
}
