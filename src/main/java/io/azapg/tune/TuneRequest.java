package io.azapg.tune;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Everything the tuner decides from: the resources, the workload and storage, whether clients come
 * through PgBouncer, the PostgreSQL major version, the background workers preloaded extensions
 * keep, and explicit overrides ({@code name -> value}, PostgreSQL syntax). Each input keeps its
 * source for the report.
 *
 * @param overrideSources where each override came from ({@code --set}, {@code -c}, a file name, an
 *     environment variable); overrides without an entry came from {@code --set}
 * @param userValues true when the overrides are values the user already gave the server (at boot):
 *     they are kept even when the worst case then exceeds the limit, with a warning instead of a
 *     refusal, and values the tuner cannot read are skipped with a warning
 */
public record TuneRequest(
    Resources resources,
    Sourced<Workload> workload,
    Sourced<Storage> storage,
    Sourced<Boolean> pooled,
    Sourced<Integer> pgMajor,
    Sourced<Integer> backgroundWorkers,
    Map<String, String> overrides,
    Map<String, String> overrideSources,
    boolean userValues) {
  /** The PostgreSQL major version aza-pg ships. */
  public static final int PG_MAJOR = 18;

  /**
   * Background workers assumed when nobody says: pg_cron's launcher, pg_net's worker, and
   * TimescaleDB's launcher and one database scheduler.
   */
  public static final int DEFAULT_BACKGROUND_WORKERS = 4;

  public TuneRequest {
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(pooled, "pooled");
    Objects.requireNonNull(pgMajor, "pgMajor");
    Objects.requireNonNull(backgroundWorkers, "backgroundWorkers");
    overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
    overrideSources = Map.copyOf(overrideSources == null ? Map.of() : overrideSources);
  }

  private TuneRequest(
      Resources resources,
      Sourced<Workload> workload,
      Sourced<Storage> storage,
      Sourced<Boolean> pooled,
      Sourced<Integer> pgMajor,
      Sourced<Integer> backgroundWorkers,
      TuneRequest values) {
    this(
        resources,
        workload,
        storage,
        pooled,
        pgMajor,
        backgroundWorkers,
        values.overrides,
        values.overrideSources,
        values.userValues);
  }

  /** A request with every choice at its default: mixed, ssd, direct connections, PG 18. */
  public static TuneRequest of(Resources resources) {
    return new TuneRequest(
        resources,
        Sourced.of(Workload.MIXED, "default"),
        Sourced.of(Storage.SSD, "default"),
        Sourced.of(false, "default"),
        Sourced.of(PG_MAJOR, "default"),
        Sourced.of(DEFAULT_BACKGROUND_WORKERS, "default"),
        Map.of(),
        Map.of(),
        false);
  }

  /** The same request with the resources changed, such as a probed /dev/shm size added. */
  public TuneRequest withResources(UnaryOperator<Resources> change) {
    return new TuneRequest(
        change.apply(resources), workload, storage, pooled, pgMajor, backgroundWorkers, this);
  }

  public TuneRequest withWorkload(Workload value, String source) {
    return new TuneRequest(
        resources, Sourced.of(value, source), storage, pooled, pgMajor, backgroundWorkers, this);
  }

  public TuneRequest withStorage(Storage value, String source) {
    return new TuneRequest(
        resources, workload, Sourced.of(value, source), pooled, pgMajor, backgroundWorkers, this);
  }

  public TuneRequest withPooled(boolean value, String source) {
    return new TuneRequest(
        resources, workload, storage, Sourced.of(value, source), pgMajor, backgroundWorkers, this);
  }

  public TuneRequest withPgMajor(int value, String source) {
    return new TuneRequest(
        resources, workload, storage, pooled, Sourced.of(value, source), backgroundWorkers, this);
  }

  public TuneRequest withBackgroundWorkers(int value, String source) {
    return new TuneRequest(
        resources, workload, storage, pooled, pgMajor, Sourced.of(value, source), this);
  }

  /** Overrides given to the tuner ({@code --set}): values that cannot fit are refused. */
  public TuneRequest withOverrides(Map<String, String> values) {
    return new TuneRequest(
        resources, workload, storage, pooled, pgMajor, backgroundWorkers, values, Map.of(), false);
  }

  /**
   * Values the user already gave the server ({@code -c}, conf.d, ALTER SYSTEM, environment): kept
   * as they are, the other settings fitted around them; over the limit they draw a warning.
   *
   * @param values name → value and where it came from; names the tuner does not write are ignored
   */
  public TuneRequest withUserValues(Map<String, Sourced<String>> values) {
    Map<String, String> v = new java.util.LinkedHashMap<>();
    Map<String, String> src = new java.util.LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (TunedSetting.byName(name).isPresent()) {
            v.put(name, value.value());
            src.put(name, value.source());
          }
        });
    return new TuneRequest(
        resources, workload, storage, pooled, pgMajor, backgroundWorkers, v, src, true);
  }

  /** Where an override came from: its recorded source, else {@code --set}. */
  public String overrideSource(String name) {
    return overrideSources.getOrDefault(name, "--set");
  }

  /** The overrides sorted by name, for stable output. */
  public Map<String, String> sortedOverrides() {
    return new TreeMap<>(overrides);
  }
}
