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
 */
public record TuneRequest(
    Resources resources,
    Sourced<Workload> workload,
    Sourced<Storage> storage,
    Sourced<Boolean> pooled,
    Sourced<Integer> pgMajor,
    Sourced<Integer> backgroundWorkers,
    Map<String, String> overrides) {
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
        Map.of());
  }

  /** The same request with the resources changed, such as a probed /dev/shm size added. */
  public TuneRequest withResources(UnaryOperator<Resources> change) {
    return new TuneRequest(
        change.apply(resources), workload, storage, pooled, pgMajor, backgroundWorkers, overrides);
  }

  public TuneRequest withWorkload(Workload value, String source) {
    return new TuneRequest(
        resources,
        Sourced.of(value, source),
        storage,
        pooled,
        pgMajor,
        backgroundWorkers,
        overrides);
  }

  public TuneRequest withStorage(Storage value, String source) {
    return new TuneRequest(
        resources,
        workload,
        Sourced.of(value, source),
        pooled,
        pgMajor,
        backgroundWorkers,
        overrides);
  }

  public TuneRequest withPooled(boolean value, String source) {
    return new TuneRequest(
        resources,
        workload,
        storage,
        Sourced.of(value, source),
        pgMajor,
        backgroundWorkers,
        overrides);
  }

  public TuneRequest withPgMajor(int value, String source) {
    return new TuneRequest(
        resources,
        workload,
        storage,
        pooled,
        Sourced.of(value, source),
        backgroundWorkers,
        overrides);
  }

  public TuneRequest withBackgroundWorkers(int value, String source) {
    return new TuneRequest(
        resources, workload, storage, pooled, pgMajor, Sourced.of(value, source), overrides);
  }

  public TuneRequest withOverrides(Map<String, String> values) {
    return new TuneRequest(
        resources, workload, storage, pooled, pgMajor, backgroundWorkers, values);
  }

  /** The overrides sorted by name, for stable output. */
  public Map<String, String> sortedOverrides() {
    return new TreeMap<>(overrides);
  }
}
