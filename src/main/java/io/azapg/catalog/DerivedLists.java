package io.azapg.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything derived from the catalog and never written by hand: preload lists, creation order,
 * package list, counts.
 */
public final class DerivedLists {
  private final Catalog catalog;

  DerivedLists(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * The image's default {@code shared_preload_libraries}: dependencies before the libraries that
   * need them (pg_stat_kcache after pg_stat_statements, or the server stops), otherwise by name.
   */
  public List<String> defaultPreload() {
    return preloadOrder(Entry::preloadedByDefault);
  }

  /** Every enabled library that can be preloaded, in preload order (for the full verification). */
  public List<String> allPreloadable() {
    return preloadOrder(e -> e.preload() != null);
  }

  /** Libraries of enabled entries that do not work without preload, in preload order. */
  public List<String> requiredPreload() {
    return preloadOrder(Entry::requiresPreload);
  }

  private List<String> preloadOrder(java.util.function.Predicate<Entry> which) {
    Set<String> libs = new java.util.LinkedHashSet<>();
    for (Entry e : topological(catalog.enabled())) {
      if (which.test(e)) {
        libs.add(e.preload().library());
      }
    }
    return List.copyOf(libs);
  }

  /** Background worker slots taken by the given preloaded libraries. */
  public int backgroundWorkers(List<String> preloaded) {
    Map<String, Integer> byLibrary = new TreeMap<>();
    for (Entry e : catalog.enabled()) {
      e.preloadSpec().ifPresent(p -> byLibrary.merge(p.library(), p.workers(), Math::max));
    }
    return preloaded.stream().mapToInt(lib -> byLibrary.getOrDefault(lib, 0)).sum();
  }

  /** The entries created at init, dependencies first (ties broken by name). */
  public List<Entry> autoCreateOrder() {
    return topological(catalog.enabled().stream().filter(Entry::autoCreate).toList());
  }

  /** Every enabled entry that has CREATE EXTENSION, dependencies first. */
  public List<Entry> createOrder() {
    return topological(
        catalog.enabled().stream().filter(e -> e.kind().createsExtension()).toList());
  }

  /** The Debian packages the enabled entries need, sorted, without duplicates. */
  public List<String> aptPackages() {
    Set<String> pkgs = new TreeSet<>();
    for (Entry e : catalog.enabled()) {
      if (e.source() instanceof Source.Apt apt) {
        pkgs.add(apt.pkg());
      } else if (e.source() instanceof Source.Git git) {
        // The shared libraries a git-built entry links against (the build only has them in the
        // builder stage, through its -dev packages).
        pkgs.addAll(git.runtimePackages());
      }
    }
    return List.copyOf(pkgs);
  }

  /** Enabled entries built from git at a pinned commit. */
  public List<Entry> gitBuilt() {
    return catalog.enabled().stream().filter(e -> e.source() instanceof Source.Git).toList();
  }

  /**
   * Server settings the default-preloaded and auto-created entries need, by name, plus every
   * enabled entry's output plugin in output_plugin_libraries (so wal2json works without editing the
   * configuration).
   */
  public Map<String, String> defaultSettings() {
    Map<String, String> settings = new TreeMap<>();
    for (Entry e : catalog.enabled()) {
      if (e.preloadedByDefault() || e.autoCreate()) {
        SettingValues.mergeAll(settings, e.settings());
      }
      String plugins = e.settings().get("output_plugin_libraries");
      if (plugins != null) {
        SettingValues.merge(settings, "output_plugin_libraries", plugins);
      }
    }
    return settings;
  }

  /** A setting a preloaded library needs, and which library (or libraries) need it. */
  public record LibrarySetting(String name, String value, String libraries) {}

  /**
   * Server settings that the libraries in {@code preload} need beyond {@link #defaultSettings()}:
   * those of enabled entries preloaded by choice (POSTGRES_SHARED_PRELOAD_LIBRARIES), not by
   * default, so a library the user adds gets what the catalog says it needs (supautils its reserved
   * roles). {@code wal_level} is left out: the runtime sets it from POSTGRES_WAL_LEVEL.
   */
  public List<LibrarySetting> chosenPreloadSettings(List<String> preload) {
    Set<String> defaults = defaultSettings().keySet();
    Map<String, String> values = new TreeMap<>();
    Map<String, String> libraries = new TreeMap<>();
    for (Entry e : catalog.enabled()) {
      Optional<String> library = e.preloadSpec().map(Preload::library).filter(preload::contains);
      if (e.preloadedByDefault() || e.autoCreate() || library.isEmpty()) {
        continue;
      }
      e.settings()
          .forEach(
              (name, value) -> {
                if (!name.equals("wal_level") && !defaults.contains(name)) {
                  SettingValues.merge(values, name, value);
                  libraries.merge(name, library.get(), (a, b) -> a + ", " + b);
                }
              });
    }
    return values.entrySet().stream()
        .map(
            v ->
                new LibrarySetting(
                    v.getKey(), v.getValue(), libraries.getOrDefault(v.getKey(), "")))
        .toList();
  }

  /** Every enabled entry's settings merged (list settings as unions), for full verification. */
  public Map<String, String> allSettings() {
    Map<String, String> settings = new TreeMap<>();
    for (Entry e : topological(catalog.enabled())) {
      SettingValues.mergeAll(settings, e.settings());
    }
    return settings;
  }

  /** Counts by kind, category and source type, plus totals. */
  public Counts counts() {
    return Counts.of(catalog);
  }

  /** Kahn's algorithm over the given entries; dependencies outside the set are ignored. */
  static List<Entry> topological(List<Entry> entries) {
    Map<String, Entry> byName = new LinkedHashMap<>();
    entries.forEach(e -> byName.put(e.name(), e));
    Map<String, Integer> pending = new TreeMap<>();
    Map<String, List<String>> dependents = new TreeMap<>();
    for (Entry e : entries) {
      int n = 0;
      for (String dep : e.dependencies()) {
        if (byName.containsKey(dep)) {
          n++;
          dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(e.name());
        }
      }
      pending.put(e.name(), n);
    }
    PriorityQueue<String> ready = new PriorityQueue<>(Comparator.naturalOrder());
    pending.forEach(
        (name, n) -> {
          if (n == 0) {
            ready.add(name);
          }
        });
    List<Entry> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String name = ready.poll();
      order.add(byName.get(name));
      for (String next : dependents.getOrDefault(name, List.of())) {
        if (pending.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    if (order.size() != entries.size()) {
      throw new IllegalStateException("dependency cycle among " + pending.keySet());
    }
    return List.copyOf(order);
  }
}
