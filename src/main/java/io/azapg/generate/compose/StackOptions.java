package io.azapg.generate.compose;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stack's option values: those set explicitly, the rest at their defaults. Immutable; every
 * value is checked when it is set, so a renderer never sees an invalid one.
 */
public final class StackOptions {
  private final StackKind kind;
  private final Map<String, String> values;

  private StackOptions(StackKind kind, Map<String, String> values) {
    this.kind = kind;
    this.values = Map.copyOf(values);
  }

  /** Every option at its default. */
  public static StackOptions defaults(StackKind kind) {
    return new StackOptions(kind, Map.of());
  }

  public StackKind kind() {
    return kind;
  }

  /**
   * These options with more set: {@code NAME=VALUE} assignments (options of this stack, or {@code
   * pg.SETTING}). The first unknown name or invalid value is refused, naming it.
   */
  public StackOptions with(List<String> assignments) {
    Map<String, String> next = new TreeMap<>(values);
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "--set " + a + " is not NAME=VALUE",
            List.of("e.g. --set memory=2GB or --set pg.log_min_duration_statement=500"));
      }
      String name = a.substring(0, eq).strip();
      String value = a.substring(eq + 1).strip();
      check(name, value);
      next.put(name, value);
    }
    checkTogether(kind, next);
    return new StackOptions(kind, next);
  }

  /** These options with one more set. */
  public StackOptions with(StackOption option, String value) {
    return with(List.of(option.id() + "=" + value));
  }

  private void check(String name, String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "--set " + name + ": the value holds a line break or NUL");
    }
    if (name.startsWith(StackOption.SERVER_SETTING_PREFIX)) {
      String setting = name.substring(StackOption.SERVER_SETTING_PREFIX.length());
      if (!StackOption.Patterns.SETTING.matcher(setting).matches() || value.isEmpty()) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "--set " + name + "=" + value + " is not valid: expected pg.<setting>=<value>",
            List.of("e.g. --set pg.log_min_duration_statement=500"));
      }
      return;
    }
    StackOption option =
        StackOption.byId(name)
            .filter(o -> o.appliesTo(kind))
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INVALID_INPUT,
                        "--set " + name + ": the " + kind.id() + " stack has no such option",
                        List.of(
                            "its options: " + String.join(", ", ids(kind)) + ", pg.<setting>")));
    option.validate(value);
    if (option == StackOption.WAL_LEVEL && value.equals("minimal") && kind != StackKind.SINGLE) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--set wal-level=minimal is not valid for the "
              + kind.id()
              + " stack: replication needs replica or logical",
          List.of("wal-level=minimal is for the single stack"));
    }
  }

  /** Refuses combinations of values that cannot work together. */
  private static void checkTogether(StackKind kind, Map<String, String> values) {
    String archive = values.getOrDefault(StackOption.WAL_ARCHIVE.id(), "off");
    String wal =
        values.getOrDefault(StackOption.WAL_LEVEL.id(), StackOption.WAL_LEVEL.defaultFor(kind));
    if (archive.equals("on") && wal.equals("minimal")) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--set wal-archive=on and wal-level=minimal together: WAL archiving needs wal_level"
              + " replica or logical",
          List.of("drop --set wal-level=minimal, or set wal-level=replica"));
    }
  }

  /** Whether WAL archiving to the stack's pgBackRest repository is on. */
  public boolean walArchive() {
    return StackOption.WAL_ARCHIVE.appliesTo(kind) && get(StackOption.WAL_ARCHIVE).equals("on");
  }

  /** The option's value: set, or the default. */
  public String get(StackOption option) {
    return values.getOrDefault(option.id(), option.defaultFor(kind));
  }

  /** Whether the option was set explicitly. */
  public boolean isSet(StackOption option) {
    return values.containsKey(option.id());
  }

  /** The PostgreSQL settings given as {@code pg.NAME=VALUE}, by name. */
  public Map<String, String> serverSettings() {
    Map<String, String> m = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(StackOption.SERVER_SETTING_PREFIX)) {
            m.put(k.substring(StackOption.SERVER_SETTING_PREFIX.length()), v);
          }
        });
    return m;
  }

  /** The explicit values, sorted by name (what a stack's state records). */
  public Map<String, String> explicit() {
    return new TreeMap<>(values);
  }

  /** Every value this stack has, defaults included, sorted by name. */
  public Map<String, String> effective() {
    Map<String, String> m = new TreeMap<>(values);
    for (StackOption o : StackOption.values()) {
      if (o.appliesTo(kind)) {
        m.put(o.id(), get(o));
      }
    }
    return m;
  }

  /**
   * What differs from another set of options of the same stack: {@code name -> [old, new]} (a
   * missing value is empty), sorted.
   */
  public Map<String, List<String>> changesFrom(StackOptions before) {
    Map<String, List<String>> changes = new LinkedHashMap<>();
    Map<String, String> now = effective();
    Map<String, String> then = before.effective();
    TreeMap<String, String> names = new TreeMap<>(now);
    names.putAll(then);
    for (String name : names.keySet()) {
      String a = then.getOrDefault(name, "");
      String b = now.getOrDefault(name, "");
      if (!a.equals(b)) {
        changes.put(name, List.of(a, b));
      }
    }
    return changes;
  }

  private static List<String> ids(StackKind kind) {
    List<String> ids = new ArrayList<>();
    for (StackOption o : StackOption.values()) {
      if (o.appliesTo(kind)) {
        ids.add(o.id());
      }
    }
    return ids;
  }

  @Override
  public String toString() {
    return kind.id() + " " + explicit();
  }
}
