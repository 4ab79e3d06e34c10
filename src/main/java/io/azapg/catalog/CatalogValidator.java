package io.azapg.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The semantic checks a JSON Schema cannot express: unique names, known dependencies, no cycles,
 * preload and source consistency, reasons for disabled entries. Collects every problem.
 */
final class CatalogValidator {
  private static final Pattern GUC = Pattern.compile("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?$");

  private final Catalog catalog;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();

  CatalogValidator(Catalog catalog) {
    this.catalog = catalog;
  }

  List<Problem> validate() {
    List<Entry> entries = catalog.extensions();
    for (int i = 0; i < entries.size(); i++) {
      String name = entries.get(i).name();
      Integer first = index.putIfAbsent(name, i);
      if (first != null) {
        add(
            i,
            "name",
            "duplicate name \"" + name + "\" (first defined at extensions[" + first + "])");
      }
    }
    for (int i = 0; i < entries.size(); i++) {
      checkEntry(i, entries.get(i));
    }
    checkSharedLibraries(entries);
    checkCycles(entries);
    checkExcluded();
    checkKeptTooling();
    return problems;
  }

  private void checkEntry(int i, Entry e) {
    checkSource(i, e);
    checkEnablement(i, e);
    checkPreload(i, e);
    checkDependencies(i, e);
    if (e.smoke().strip().replaceAll(";\\s*$", "").contains(";")) {
      add(i, "smoke", "must be one SQL statement (found ';' inside): split it or use a subquery");
    }
    for (String key : e.settings().keySet()) {
      if (!GUC.matcher(key).matches()) {
        add(i, "settings." + key, "\"" + key + "\" is not a valid setting name");
      }
    }
  }

  private void checkSource(int i, Entry e) {
    // Builtin entries ship with PostgreSQL: CREATE EXTENSION modules, libraries and output plugins.
    boolean builtinKind = e.kind() != Kind.EXTENSION;
    boolean builtinSource = e.source() instanceof Source.Builtin;
    if (e.kind() == Kind.BUILTIN && !builtinSource) {
      add(i, "source.type", "kind builtin ships with PostgreSQL, so its source must be builtin");
    }
    if (builtinSource && !builtinKind) {
      add(
          i,
          "source.type",
          "kind extension is third-party: its source must be apt or git, not builtin");
    }
    if (e.source() instanceof Source.Apt apt && apt.pkg() == null) {
      add(i, "source.package", "an apt source needs a package name");
    }
    if (e.source() instanceof Source.Git git) {
      if (git.repository() == null || git.commit() == null || git.build() == null) {
        add(i, "source", "a git source needs repository, commit and build");
      }
    }
  }

  private void checkEnablement(int i, Entry e) {
    if (!e.enabled() && (e.disabledReason() == null || e.disabledReason().isBlank())) {
      add(i, "disabledReason", "a disabled entry must say why (disabledReason)");
    }
    if (e.enabled() && e.disabledReason() != null) {
      add(i, "disabledReason", "an enabled entry must not carry a disabledReason; remove it");
    }
    if (!e.enabled() && e.autoCreate()) {
      add(i, "autoCreate", "a disabled entry cannot be created at init; set autoCreate to false");
    }
    if (e.autoCreate() && !e.kind().createsExtension()) {
      add(
          i,
          "autoCreate",
          "kind " + e.kind().jsonName() + " has no CREATE EXTENSION to run at init");
    }
  }

  private void checkPreload(int i, Entry e) {
    Preload p = e.preload();
    if (p == null) {
      return;
    }
    if (p.library() == null || p.library().isBlank()) {
      add(i, "preload.library", "a preload needs the library name");
    }
    if (p.onByDefault() && !e.enabled()) {
      add(i, "preload.default", "a disabled entry cannot be in the default preload list");
    }
    if (e.autoCreate() && p.required() && !p.onByDefault()) {
      add(
          i,
          "preload.default",
          "created at init but needs preload: it must be preloaded by default (or not auto-created)");
    }
  }

  private void checkDependencies(int i, Entry e) {
    List<String> deps = e.dependencies();
    for (int d = 0; d < deps.size(); d++) {
      String dep = deps.get(d);
      String path = "dependencies[" + d + "]";
      Integer target = index.get(dep);
      if (target == null) {
        add(i, path, "unknown extension \"" + dep + "\"" + Suggestions.hint(dep, index.keySet()));
        continue;
      }
      if (dep.equals(e.name())) {
        add(i, path, "\"" + dep + "\" depends on itself");
        continue;
      }
      Entry other = catalog.extensions().get(target);
      if (e.enabled() && !other.enabled()) {
        add(
            i,
            path,
            "depends on \"" + dep + "\", which is disabled: disable this entry too or enable it");
      }
      if (e.autoCreate() && !other.autoCreate() && other.kind().createsExtension()) {
        add(i, path, "auto-created, but its dependency \"" + dep + "\" is not: auto-create it too");
      }
    }
  }

  private void checkSharedLibraries(List<Entry> entries) {
    Map<String, Integer> firstByLibrary = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Preload p = entries.get(i).preload();
      if (p == null || p.library() == null) {
        continue;
      }
      Integer first = firstByLibrary.putIfAbsent(p.library(), i);
      if (first != null) {
        Preload q = entries.get(first).preload();
        if (q.onByDefault() != p.onByDefault() && entries.get(i).enabled()) {
          add(
              i,
              "preload.default",
              "library \""
                  + p.library()
                  + "\" is also listed at extensions["
                  + first
                  + "] with a different default: make them agree");
        }
      }
    }
  }

  private void checkCycles(List<Entry> entries) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
    Set<String> reported = new TreeSet<>();
    for (Entry e : entries) {
      dfs(e.name(), new ArrayList<>(), state, reported);
    }
  }

  private void dfs(
      String name, List<String> stack, Map<String, Integer> state, Set<String> reported) {
    Integer s = state.get(name);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(name), stack.size()));
      cycle.add(name);
      String key = String.join(">", new TreeSet<>(cycle));
      Integer at = index.get(name);
      if (reported.add(key) && at != null) {
        add(at, "dependencies", "dependency cycle: " + String.join(" -> ", cycle));
      }
      return;
    }
    Integer at = index.get(name);
    if (at == null) {
      return;
    }
    state.put(name, 1);
    stack.add(name);
    for (String dep : catalog.extensions().get(at).dependencies()) {
      dfs(dep, stack, state, reported);
    }
    stack.remove(stack.size() - 1);
    state.put(name, 2);
  }

  private void checkExcluded() {
    Set<String> used = new TreeSet<>();
    for (Entry e : catalog.extensions()) {
      if (e.enabled() && e.source() instanceof Source.Apt apt) {
        used.add(apt.pkg());
      }
    }
    List<Excluded> excluded = catalog.excluded();
    for (int x = 0; x < excluded.size(); x++) {
      if (used.contains(excluded.get(x).pkg())) {
        problems.add(
            new Problem(
                "excluded[" + x + "].package",
                "\"" + excluded.get(x).pkg() + "\" is excluded but an enabled entry installs it"));
      }
    }
  }

  private void checkKeptTooling() {
    Set<String> enabled = new TreeSet<>();
    catalog.enabled().forEach(e -> enabled.add(e.name()));
    List<KeptTooling> kept = catalog.keptTooling();
    for (int k = 0; k < kept.size(); k++) {
      if (kept.get(k).neededBy().isEmpty()) {
        problems.add(
            new Problem(
                "keptTooling[" + k + "].neededBy",
                "name the enabled entries that need \"" + kept.get(k).pkg() + "\" at run time"));
      }
      for (String name : kept.get(k).neededBy()) {
        if (!enabled.contains(name)) {
          problems.add(
              new Problem(
                  "keptTooling[" + k + "].neededBy",
                  "\""
                      + name
                      + "\" is not an enabled catalog entry"
                      + Suggestions.hint(name, enabled)));
        }
      }
    }
  }

  private void add(int entry, String field, String message) {
    problems.add(new Problem("extensions[" + entry + "]." + field, message));
  }
}
