package io.azapg.generate.compose;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Resources;
import io.azapg.tune.Storage;
import io.azapg.tune.Workload;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The options of a stack ({@code --set NAME=VALUE} on {@code up --stack} and {@code stack render}):
 * what each one means, which stacks have it, its default, how it is checked, the environment
 * variable a committed {@code compose.yaml} reads it from (empty when the value is rendered in,
 * because other numbers are derived from it), and what changing it on a stack that already has data
 * does. A new capability (WAL archiving, synchronous replication) is a new entry here plus what the
 * renderers do with it.
 */
public enum StackOption {
  IMAGE(
      "image",
      all(),
      k -> "localhost/aza-pg:18",
      "the aza-pg image every service runs",
      "AZA_PG_IMAGE",
      v -> check(!v.isBlank() && !v.contains(" "), "an image reference")),
  MEMORY(
      "memory",
      all(),
      k -> "1GB",
      "PostgreSQL's memory limit; its tuning, /dev/shm and the pool sizes follow it",
      "",
      v -> ByteSize.parse(v, "--set memory")),
  CPUS(
      "cpus",
      all(),
      k -> "1",
      "PostgreSQL's CPU limit; its tuning and the pool sizes follow it",
      "",
      v -> Resources.parseCpus(v, "--set cpus")),
  WORKLOAD(
      "workload",
      all(),
      k -> "mixed",
      "web, oltp, dw or mixed: the tuning's connection and memory targets",
      "",
      v -> Workload.parse(v, "--set workload")),
  STORAGE(
      "storage",
      all(),
      k -> "ssd",
      "ssd, nvme, hdd or san: the tuning's I/O costs",
      "",
      v -> Storage.parse(v, "--set storage")),
  BIND(
      "bind",
      all(),
      k -> "127.0.0.1",
      "host address every published port binds to (inside, services listen on their network)",
      "AZA_PG_BIND",
      v ->
          check(
              Patterns.ADDRESS.matcher(v).matches(),
              "an IPv4 address such as 127.0.0.1 or 0.0.0.0")),
  PORT(
      "port",
      all(),
      k -> k == StackKind.REPLICA ? "5433" : "5432",
      "PostgreSQL's host port",
      "POSTGRES_PORT",
      StackOption::port),
  METRICS_PORT(
      "metrics-port",
      all(),
      k -> k == StackKind.PRIMARY ? "9187" : k == StackKind.REPLICA ? "9188" : "9189",
      "the postgres exporter's host port",
      "POSTGRES_EXPORTER_PORT",
      StackOption::port),
  PGBOUNCER_PORT(
      "pgbouncer-port",
      EnumSet.of(StackKind.PRIMARY),
      k -> "6432",
      "PgBouncer's host port",
      "PGBOUNCER_PORT",
      StackOption::port),
  PGBOUNCER_METRICS_PORT(
      "pgbouncer-metrics-port",
      EnumSet.of(StackKind.PRIMARY),
      k -> "9127",
      "the pgbouncer exporter's host port",
      "PGBOUNCER_EXPORTER_PORT",
      StackOption::port),
  MAX_CLIENTS(
      "max-clients",
      EnumSet.of(StackKind.PRIMARY),
      k -> "1000",
      "client connections PgBouncer accepts; its memory and file limits follow it",
      "",
      v -> range(v, 10, 100_000)),
  DATABASE(
      "database",
      all(),
      k -> "postgres",
      "the database created at the first start (a replica: the primary's), where PgBouncer's"
          + " lookup and the exporter's view live",
      "",
      v ->
          check(Patterns.NAME.matcher(v).matches(), "a database name of 1 to 63 plain characters")),
  WAL_LEVEL(
      "wal-level",
      all(),
      k -> "logical",
      "wal_level: minimal (single only: less WAL, no replicas, no point-in-time recovery),"
          + " replica or logical",
      "POSTGRES_WAL_LEVEL",
      v ->
          check(
              List.of("minimal", "replica", "logical").contains(v), "minimal, replica or logical")),
  WAL_ARCHIVE(
      "wal-archive",
      EnumSet.of(StackKind.PRIMARY, StackKind.SINGLE),
      k -> "off",
      "on: archive_mode=on, every WAL segment pushed by pgBackRest to a repository on the"
          + " stack's own volume (pgbackrest); what 'backup --physical' and"
          + " 'restore --physical' need",
      "",
      v -> check(List.of("on", "off").contains(v), "on or off")),
  SLOT(
      "slot",
      EnumSet.of(StackKind.PRIMARY, StackKind.REPLICA),
      k -> "replica_slot_1",
      "the physical replication slot the primary creates at its first start and the replica"
          + " streams from",
      "REPLICATION_SLOT_NAME",
      v ->
          check(
              Patterns.SLOT_NAME.matcher(v).matches(),
              "1 to 63 lower-case letters, digits or '_'")),
  SYNCHRONOUS(
      "synchronous",
      EnumSet.of(StackKind.PRIMARY),
      k -> "off",
      "on: a commit is acknowledged only once the replica streaming from the slot has flushed it"
          + " (no acknowledged commit is lost when the primary fails; while the replica is down,"
          + " commits wait); off: asynchronous",
      "",
      v -> check(v.equals("on") || v.equals("off"), "on or off")),
  PRIMARY(
      "primary",
      EnumSet.of(StackKind.REPLICA),
      k -> StackKind.PRIMARY.defaultProject(),
      "the primary stack's Compose project: the replica joins its network and reads its secrets",
      "",
      v -> check(Patterns.PROJECT.matcher(v).matches(), "a Compose project name")),
  PRIMARY_HOST(
      "primary-host",
      EnumSet.of(StackKind.REPLICA),
      k -> "postgres",
      "the primary's host name on its network",
      "PRIMARY_HOST",
      v -> check(Patterns.HOST.matcher(v).matches(), "a host name or IP address")),
  PRIMARY_WAIT(
      "primary-wait",
      EnumSet.of(StackKind.REPLICA),
      k -> "120",
      "seconds the replica's first start waits for the primary",
      "PRIMARY_WAIT_TIMEOUT",
      v -> range(v, 1, 86_400));

  /** Options named {@code pg.<setting>} pass {@code -c <setting>=<value>} to PostgreSQL. */
  public static final String SERVER_SETTING_PREFIX = "pg.";

  /** The value patterns (a holder class: enum constants may not name later static fields). */
  static final class Patterns {
    static final Pattern ADDRESS =
        Pattern.compile(
            "^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$");
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,62}$");
    static final Pattern SLOT_NAME = Pattern.compile("^[a-z0-9_]{1,63}$");
    static final Pattern PROJECT = Pattern.compile("^[a-z0-9][a-z0-9_\\-]{0,62}$");
    static final Pattern HOST = Pattern.compile("^[A-Za-z0-9_.:\\-]{1,253}$");
    static final Pattern SETTING = Pattern.compile("^[a-z_][a-z0-9_.]{0,62}$");

    private Patterns() {}
  }

  private final String id;
  private final Set<StackKind> kinds;
  private final Function<StackKind, String> fallback;
  private final String description;
  private final String variable;
  private final Consumer<String> check;

  StackOption(
      String id,
      Set<StackKind> kinds,
      Function<StackKind, String> fallback,
      String description,
      String variable,
      Consumer<String> check) {
    this.id = id;
    this.kinds = kinds;
    this.fallback = fallback;
    this.description = description;
    this.variable = variable;
    this.check = check;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** Whether the stack has this option. */
  public boolean appliesTo(StackKind kind) {
    return kinds.contains(kind);
  }

  /** The value when nobody sets it. */
  public String defaultFor(StackKind kind) {
    return fallback.apply(kind);
  }

  /** The variable a committed compose.yaml reads; empty when the value is rendered in. */
  public Optional<String> variable() {
    return variable.isEmpty() ? Optional.empty() : Optional.of(variable);
  }

  /**
   * Whether a stack whose volumes exist can take a new value by recreating its containers. The
   * database and the primary's slot are made at the first start only: a new value would not be
   * true, so {@code up} refuses it.
   */
  public boolean recreatable(StackKind kind) {
    return !(this == DATABASE && kind != StackKind.REPLICA)
        && !(this == SLOT && kind == StackKind.PRIMARY);
  }

  /** Checks a value, throwing an error naming the option. */
  void validate(String value) {
    try {
      check.accept(value);
    } catch (AzaPgException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--set " + id + "=" + value + " is not valid: " + e.getMessage(),
          e.hints());
    }
  }

  /** The option of this name, if there is one. */
  public static Optional<StackOption> byId(String id) {
    for (StackOption o : values()) {
      if (o.id.equals(id)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  private static Set<StackKind> all() {
    return EnumSet.allOf(StackKind.class);
  }

  private static Object check(boolean ok, String expected) {
    if (!ok) {
      throw new AzaPgException(ExitCode.INVALID_INPUT, "expected " + expected);
    }
    return Boolean.TRUE;
  }

  private static Object port(String v) {
    return range(v, 1, 65535);
  }

  private static Object range(String v, int min, int max) {
    try {
      int n = Integer.parseInt(v.strip());
      return check(n >= min && n <= max, "a number from " + min + " to " + max);
    } catch (NumberFormatException e) {
      return check(false, "a number from " + min + " to " + max);
    }
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
