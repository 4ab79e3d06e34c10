package io.azapg.tune;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings the tuner writes, in the order it writes them, with the PostgreSQL syntax each
 * accepts so that overrides are checked before they reach the server.
 */
enum TunedSetting {
  SHARED_BUFFERS("shared_buffers", Kind.MEMORY, 8 * ByteSize.KIB, 128 * ByteSize.KIB, 0),
  HUGE_PAGES("huge_pages", Kind.CHOICE, 0, 0, 0, "on", "off", "try"),
  EFFECTIVE_CACHE_SIZE("effective_cache_size", Kind.MEMORY, 8 * ByteSize.KIB, 8 * ByteSize.KIB, 0),
  WORK_MEM("work_mem", Kind.MEMORY, ByteSize.KIB, 64 * ByteSize.KIB, 0),
  HASH_MEM_MULTIPLIER("hash_mem_multiplier", Kind.REAL, 0, 1, 1000),
  MAINTENANCE_WORK_MEM("maintenance_work_mem", Kind.MEMORY, ByteSize.KIB, ByteSize.MIB, 0),
  AUTOVACUUM_WORK_MEM("autovacuum_work_mem", Kind.MEMORY_OR_DEFAULT, ByteSize.KIB, ByteSize.MIB, 0),
  AUTOVACUUM_MAX_WORKERS("autovacuum_max_workers", Kind.INTEGER, 0, 1, 262143),
  MAX_CONNECTIONS("max_connections", Kind.INTEGER, 0, 1, 262143),
  TEMP_BUFFERS("temp_buffers", Kind.MEMORY, 8 * ByteSize.KIB, 800 * ByteSize.KIB, 0),
  MAX_WAL_SENDERS("max_wal_senders", Kind.INTEGER, 0, 0, 262143),
  MAX_REPLICATION_SLOTS("max_replication_slots", Kind.INTEGER, 0, 0, 262143),
  LOGICAL_DECODING_WORK_MEM(
      "logical_decoding_work_mem", Kind.MEMORY, ByteSize.KIB, 64 * ByteSize.KIB, 0),
  WAL_BUFFERS("wal_buffers", Kind.MEMORY_OR_DEFAULT, 8 * ByteSize.KIB, 64 * ByteSize.KIB, 0),
  WAL_COMPRESSION("wal_compression", Kind.CHOICE, 0, 0, 0, "off", "on", "pglz", "lz4", "zstd"),
  MIN_WAL_SIZE("min_wal_size", Kind.MEMORY, ByteSize.MIB, 32 * ByteSize.MIB, 0),
  MAX_WAL_SIZE("max_wal_size", Kind.MEMORY, ByteSize.MIB, 32 * ByteSize.MIB, 0),
  CHECKPOINT_COMPLETION_TARGET("checkpoint_completion_target", Kind.REAL, 0, 0, 1),
  RANDOM_PAGE_COST("random_page_cost", Kind.REAL, 0, 0, 1000),
  EFFECTIVE_IO_CONCURRENCY("effective_io_concurrency", Kind.INTEGER, 0, 0, 1000),
  MAINTENANCE_IO_CONCURRENCY("maintenance_io_concurrency", Kind.INTEGER, 0, 0, 1000),
  IO_METHOD("io_method", Kind.CHOICE, 0, 0, 0, "worker", "io_uring", "sync"),
  IO_WORKERS("io_workers", Kind.INTEGER, 0, 1, 32),
  DEFAULT_STATISTICS_TARGET("default_statistics_target", Kind.INTEGER, 0, 1, 10000),
  JIT("jit", Kind.BOOLEAN, 0, 0, 0),
  MAX_WORKER_PROCESSES("max_worker_processes", Kind.INTEGER, 0, 0, 262143),
  MAX_PARALLEL_WORKERS("max_parallel_workers", Kind.INTEGER, 0, 0, 1024),
  MAX_PARALLEL_WORKERS_PER_GATHER("max_parallel_workers_per_gather", Kind.INTEGER, 0, 0, 1024),
  MAX_PARALLEL_MAINTENANCE_WORKERS("max_parallel_maintenance_workers", Kind.INTEGER, 0, 0, 1024);

  /** How a setting's value is written. */
  enum Kind {
    MEMORY,
    /** A size, or -1 for PostgreSQL's derived default. */
    MEMORY_OR_DEFAULT,
    INTEGER,
    REAL,
    CHOICE,
    /** on/off and PostgreSQL's other spellings (true, yes, 1 ...), written as on or off. */
    BOOLEAN
  }

  private static final Pattern MEMORY = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(B|kB|MB|GB|TB)?");
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern REAL = Pattern.compile("\\d+(\\.\\d+)?");

  private final String pgName;
  private final Kind kind;
  private final long unit;
  private final double min;
  private final double max;
  private final List<String> choices;

  TunedSetting(String pgName, Kind kind, long unit, double min, double max, String... choices) {
    this.pgName = pgName;
    this.kind = kind;
    this.unit = unit;
    this.min = min;
    this.max = max;
    this.choices = List.of(choices);
  }

  String pgName() {
    return pgName;
  }

  /** Whether the setting changes the worst-case memory. */
  boolean takesMemory() {
    return switch (this) {
      case SHARED_BUFFERS,
          WORK_MEM,
          HASH_MEM_MULTIPLIER,
          MAINTENANCE_WORK_MEM,
          AUTOVACUUM_WORK_MEM,
          AUTOVACUUM_MAX_WORKERS,
          MAX_CONNECTIONS,
          TEMP_BUFFERS,
          MAX_WAL_SENDERS,
          MAX_REPLICATION_SLOTS,
          LOGICAL_DECODING_WORK_MEM,
          JIT,
          WAL_BUFFERS,
          IO_METHOD,
          IO_WORKERS,
          MAX_WORKER_PROCESSES,
          MAX_PARALLEL_WORKERS ->
          true;
      default -> false;
    };
  }

  static Optional<TunedSetting> byName(String name) {
    for (TunedSetting s : values()) {
      if (s.pgName.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (TunedSetting s : values()) {
      names.add(s.pgName);
    }
    return names;
  }

  /**
   * Checks a value the way PostgreSQL would read it and returns it stripped.
   *
   * @throws AzaPgException with {@link ExitCode#INVALID_INPUT} naming the setting and the value
   */
  String check(String value) {
    String v = value.strip();
    boolean ok =
        switch (kind) {
          case MEMORY -> memoryAtLeastMin(v);
          case MEMORY_OR_DEFAULT -> v.equals("-1") || memoryAtLeastMin(v);
          case INTEGER ->
              INTEGER.matcher(v).matches() && v.length() < 12 && inRange(Long.parseLong(v));
          case REAL ->
              REAL.matcher(v).matches() && v.length() < 20 && inRange(Double.parseDouble(v));
          case CHOICE -> choices.contains(v.toLowerCase(Locale.ROOT));
          case BOOLEAN -> bool(v).isPresent();
        };
    if (!ok) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "override " + pgName + "='" + value + "' is not a valid value",
          List.of(expected()));
    }
    if (kind == Kind.BOOLEAN) {
      return bool(v).orElseThrow() ? "on" : "off";
    }
    return kind == Kind.CHOICE ? v.toLowerCase(Locale.ROOT) : v;
  }

  /** PostgreSQL's boolean spellings: on, off, true, false, yes, no, 1, 0 (any case). */
  private static Optional<Boolean> bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1", "t", "y" -> Optional.of(true);
      case "off", "false", "no", "0", "f", "n" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private boolean memoryAtLeastMin(String v) {
    Matcher m = MEMORY.matcher(v);
    return m.matches() && !v.startsWith("-") && bytesOf(m) >= min;
  }

  private boolean inRange(double value) {
    return value >= min && value <= max;
  }

  private String expected() {
    return switch (kind) {
      case MEMORY ->
          pgName
              + " takes a size with a unit (kB, MB, GB, TB) of at least "
              + new ByteSize((long) Math.max(min, 0)).pg()
              + (min < 0 ? ", or -1" : "");
      case CHOICE -> pgName + " takes one of " + String.join(", ", choices);
      case BOOLEAN -> pgName + " takes on or off";
      default ->
          String.format(
              Locale.ROOT, "%s takes a number from %s to %s", pgName, plain(min), plain(max));
    };
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** A checked memory value in bytes; -1 stays -1. */
  long bytes(String value) {
    Matcher m = MEMORY.matcher(value.strip());
    if (kind != Kind.MEMORY && kind != Kind.MEMORY_OR_DEFAULT || !m.matches()) {
      throw new IllegalStateException(pgName + " is not a memory setting: " + value);
    }
    return bytesOf(m);
  }

  private long bytesOf(Matcher m) {
    if (m.group(1).length() > 18) {
      return ByteSize.MAX;
    }
    double n = Double.parseDouble(m.group(1));
    if (n < 0) {
      return -1;
    }
    String u = m.group(2);
    long factor =
        u == null
            ? unit
            : switch (u) {
              case "kB" -> ByteSize.KIB;
              case "MB" -> ByteSize.MIB;
              case "GB" -> ByteSize.GIB;
              case "TB" -> ByteSize.TIB;
              default -> 1;
            };
    double bytes = n * factor;
    return bytes >= ByteSize.MAX ? ByteSize.MAX : Math.round(bytes);
  }
}
