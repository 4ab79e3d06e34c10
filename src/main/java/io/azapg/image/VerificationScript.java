package io.azapg.image;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Entry;
import io.azapg.catalog.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The SQL that proves an image: every enabled extension created in dependency order in one
 * database, each entry's smoke statement run, every failure caught with its error text and reported
 * at the end, one line per entry and step. A selection narrows it to named entries: those are
 * created and smoke-tested, after the entries they need (their catalog dependencies, transitively,
 * and dblink when a smoke statement uses it), which are created too.
 */
final class VerificationScript {
  static final String RESULT_MARK = "@@verify";

  /** The extension smoke statements use to run statements in another session. */
  static final String DBLINK = "dblink";

  private static final Pattern USES_DBLINK = Pattern.compile("(?i)\\bdblink");

  /** Library to the setting turned off while the extensions are created (see render()). */
  private static final Map<String, String> OFF_WHILE_CREATING =
      new TreeMap<>(
          Map.of("pg_hint_plan", "pg_hint_plan.enable_hint", "safeupdate", "safeupdate.enabled"));

  private final Catalog catalog;

  /** The selected entries' names; empty for every enabled entry. */
  private final Set<String> only;

  VerificationScript(Catalog catalog) {
    this(catalog, Set.of());
  }

  /**
   * A script for the entries {@code only} names (every enabled entry when it is empty); each name
   * must be an enabled entry of the catalog (checked by {@link ImageVerifier#verify(String,
   * Catalog, Set)}).
   */
  VerificationScript(Catalog catalog, Set<String> only) {
    this.catalog = catalog;
    this.only = Set.copyOf(only);
  }

  /** The entries whose smoke SQL runs: creatable ones in creation order, then modules and tools. */
  List<Entry> entriesInOrder() {
    List<Entry> order = new ArrayList<>(catalog.derived().createOrder());
    for (Entry e : catalog.enabled()) {
      if (e.kind() == Kind.MODULE || e.kind() == Kind.TOOL) {
        order.add(e);
      }
    }
    return only.isEmpty() ? order : order.stream().filter(e -> only.contains(e.name())).toList();
  }

  /** The extensions the script creates, in creation order. */
  List<Entry> createdInOrder() {
    List<Entry> order = catalog.derived().createOrder();
    if (only.isEmpty()) {
      return order;
    }
    Set<String> needed = needed();
    return order.stream().filter(e -> needed.contains(e.name())).toList();
  }

  /**
   * The selected entries and what they need: their dependencies, transitively, and dblink for a
   * smoke statement that runs in another session.
   */
  private Set<String> needed() {
    Set<String> needed = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(only);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      Optional<Entry> entry = catalog.find(name);
      if (!needed.add(name) || entry.isEmpty()) {
        continue;
      }
      todo.addAll(entry.get().dependencies());
      if (only.contains(name) && USES_DBLINK.matcher(entry.get().smoke()).find()) {
        todo.add(DBLINK);
      }
    }
    return needed;
  }

  String render() {
    StringBuilder sql = new StringBuilder();
    sql.append("\\set ON_ERROR_STOP 1\n")
        .append("SET client_min_messages = error;\n")
        .append(
            "CREATE TEMP TABLE aza_verify (seq serial, name text, step text, ok boolean, detail text);\n");
    // Settings turned off while the extensions are created, when their library is preloaded:
    // pg_safeupdate refuses UPDATE and DELETE without WHERE, which some install scripts run; and
    // pg_hint_plan (1.8.1) scans the whole install script for hints at every statement in it, so
    // postgis_tiger_geocoder took 62 s instead of 0.2 s (upstream issue #248).
    List<String> offWhileCreating =
        OFF_WHILE_CREATING.entrySet().stream()
            .filter(off -> preloads(off.getKey()))
            .map(Map.Entry::getValue)
            .toList();
    offWhileCreating.forEach(setting -> sql.append("SET ").append(setting).append(" = off;\n"));
    // Every extension first, then every smoke statement: a smoke statement may use another
    // entry (several run statements in another session through dblink).
    for (Entry e : createdInOrder()) {
      String create = "CREATE EXTENSION IF NOT EXISTS " + ident(e.name());
      if (e.targetSchema().isPresent()) {
        String schema = ident(e.targetSchema().get());
        sql.append("CREATE SCHEMA IF NOT EXISTS ").append(schema).append(";\n");
        create += " SCHEMA " + schema;
      }
      step(sql, e.name(), "create", create, false);
    }
    offWhileCreating.forEach(setting -> sql.append("RESET ").append(setting).append(";\n"));
    for (Entry e : entriesInOrder()) {
      step(sql, e.name(), "smoke", e.smoke().strip().replaceAll(";\\s*$", ""), true);
    }
    sql.append("SELECT '")
        .append(RESULT_MARK)
        .append("' || chr(9) || name || chr(9) || step || chr(9) || ok::text || chr(9)")
        .append(" || coalesce(replace(replace(detail, chr(10), ' '), chr(9), ' '), '')")
        .append(" FROM aza_verify ORDER BY seq;\n");
    return sql.toString();
  }

  private boolean preloads(String library) {
    return catalog.enabled().stream()
        .anyMatch(e -> e.preload() != null && library.equals(e.preload().library()));
  }

  private static void step(
      StringBuilder sql, String name, String step, String statement, boolean query) {
    String tag = "$aza_verify$";
    sql.append("DO ").append(tag).append('\n').append("DECLARE r text;\n").append("BEGIN\n");
    if (query) {
      sql.append("  EXECUTE ").append(literal(statement)).append(" INTO r;\n");
      // A smoke statement proves its feature by returning true; false is a failure too.
      sql.append("  IF r = 'false' THEN\n")
          .append("    RAISE EXCEPTION 'the smoke statement returned false';\n")
          .append("  END IF;\n");
    } else {
      sql.append("  EXECUTE ").append(literal(statement)).append(";\n");
    }
    sql.append("  INSERT INTO aza_verify(name, step, ok, detail) VALUES (")
        .append(literal(name))
        .append(", ")
        .append(literal(step))
        .append(", true, ")
        .append(query ? "left(coalesce(r, 'NULL'), 200)" : "NULL")
        .append(");\n")
        .append("EXCEPTION WHEN OTHERS THEN\n")
        .append("  INSERT INTO aza_verify(name, step, ok, detail) VALUES (")
        .append(literal(name))
        .append(", ")
        .append(literal(step))
        .append(", false, SQLSTATE || ': ' || SQLERRM);\n")
        .append("END\n")
        .append(tag)
        .append(";\n");
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
