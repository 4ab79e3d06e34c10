package io.azapg.tune;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory invariant checked from a configuration's text alone: it reads {@code name = value}
 * lines as PostgreSQL would (the last one wins, a missing setting takes PostgreSQL 18's default)
 * and adds up the worst case with its own arithmetic, written from docs/TUNING.md and sharing no
 * code with the tuner. A tuner whose rules are wrong produces text that this evaluator finds over
 * the limit.
 */
final class ConfEvaluator {
  static final double KB = 1024;
  static final double MB = 1024 * KB;

  private static final Pattern LINE =
      Pattern.compile("^\\s*([a-z_]+)\\s*=\\s*'?([^'#]*?)'?\\s*(#.*)?$");
  private static final Pattern QUANTITY =
      Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*(B|kB|MB|GB|TB)?$");

  /** PostgreSQL 18's defaults for every setting the model reads (wal_buffers -1 resolved). */
  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("shared_buffers", "128MB"),
          Map.entry("wal_buffers", "-1"),
          Map.entry("max_connections", "100"),
          Map.entry("work_mem", "4MB"),
          Map.entry("hash_mem_multiplier", "2.0"),
          Map.entry("temp_buffers", "8MB"),
          Map.entry("max_worker_processes", "8"),
          Map.entry("max_parallel_workers", "8"),
          Map.entry("max_wal_senders", "10"),
          Map.entry("max_replication_slots", "10"),
          Map.entry("logical_decoding_work_mem", "64MB"),
          Map.entry("autovacuum_max_workers", "3"),
          Map.entry("autovacuum_work_mem", "-1"),
          Map.entry("maintenance_work_mem", "64MB"),
          Map.entry("io_method", "worker"),
          Map.entry("io_workers", "3"),
          Map.entry("jit", "on"));

  /** The unit of a bare number, per setting (PostgreSQL's GUC units). */
  private static final Map<String, Double> UNITS =
      Map.of(
          "shared_buffers", 8 * KB,
          "wal_buffers", 8 * KB,
          "temp_buffers", 8 * KB,
          "work_mem", KB,
          "maintenance_work_mem", KB,
          "autovacuum_work_mem", KB,
          "logical_decoding_work_mem", KB);

  private final Map<String, String> values = new HashMap<>(DEFAULTS);

  private ConfEvaluator(String conf) {
    for (String line : conf.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.matches() && DEFAULTS.containsKey(m.group(1))) {
        values.put(m.group(1), m.group(2).strip());
      }
    }
  }

  static ConfEvaluator of(String conf) {
    return new ConfEvaluator(conf);
  }

  double bytes(String name) {
    String v = values.get(name);
    Matcher m = QUANTITY.matcher(v);
    if (!m.matches()) {
      throw new AssertionError(name + " = '" + v + "' is not a size");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    if (unit == null) {
      return n * UNITS.getOrDefault(name, 1.0);
    }
    return n
        * switch (unit) {
          case "kB" -> KB;
          case "MB" -> MB;
          case "GB" -> 1024 * MB;
          case "TB" -> 1024 * 1024 * MB;
          default -> 1;
        };
  }

  int count(String name) {
    return Integer.parseInt(values.get(name));
  }

  boolean on(String name) {
    return switch (values.get(name).toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      default -> false;
    };
  }

  /** The worst case in bytes, term by term as docs/TUNING.md states the model. */
  double worstCase(double limit) {
    double sb = bytes("shared_buffers");
    double wal =
        values.get("wal_buffers").equals("-1")
            ? Math.min(Math.max(sb / 32, 64 * KB), 16 * MB)
            : bytes("wal_buffers");
    double process = 3 * MB + (sb + wal) / 4096 * 8 + 64 * KB;
    double statement =
        bytes("work_mem") * (1 + Double.parseDouble(values.get("hash_mem_multiplier")));
    double jit = on("jit") ? 24 * MB : 0;
    double session = process + statement + bytes("temp_buffers") + jit;
    int workers = count("max_worker_processes");
    int parallel = Math.min(count("max_parallel_workers"), workers);
    int connections = count("max_connections");
    int senders = count("max_wal_senders");
    double maintenance = bytes("maintenance_work_mem");
    double avMemory =
        values.get("autovacuum_work_mem").equals("-1") ? maintenance : bytes("autovacuum_work_mem");
    int ioWorkers = values.get("io_method").equals("worker") ? count("io_workers") : 0;
    int decodings = (int) Math.min(count("max_replication_slots"), (long) senders + connections);
    return sb
        + wal
        + 16 * MB
        + sb / 64
        + connections * session
        + parallel * (process + statement + jit)
        + (workers - parallel) * session
        + senders * (process + statement)
        + decodings * bytes("logical_decoding_work_mem")
        + count("autovacuum_max_workers") * (process + avMemory)
        + maintenance
        + (8 + ioWorkers) * process
        + Math.max(64 * MB, limit / 8);
  }
}
