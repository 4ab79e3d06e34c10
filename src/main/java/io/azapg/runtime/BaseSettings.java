package io.azapg.runtime;

import io.azapg.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines of the tuning include that do not come from the tuning engine: they are written even
 * with {@code AZA_PG_TUNE=off}.
 */
final class BaseSettings {
  /** The catalog entry whose library needs {@code cron.database_name}. */
  static final String PG_CRON = "pg_cron";

  private BaseSettings() {}

  static List<Setting> build(
      Catalog catalog,
      List<String> preload,
      boolean preloadFromEnv,
      String database,
      WalLevel wal) {
    List<Setting> s = new ArrayList<>();
    s.add(
        new Setting(
            "listen_addresses",
            "*",
            "runtime",
            "inside the container the server listens on every interface; what the host publishes is the run or compose file's choice"));
    s.add(
        new Setting(
            "shared_preload_libraries",
            String.join(",", preload),
            preloadFromEnv ? "runtime" : "catalog",
            preloadFromEnv
                ? "POSTGRES_SHARED_PRELOAD_LIBRARIES (replaces the catalog's default list)"
                : "the catalog's default preload list"));
    for (Map.Entry<String, String> e : catalog.derived().defaultSettings().entrySet()) {
      s.add(
          new Setting(
              e.getKey(), e.getValue(), "catalog", "needed by a default extension of the catalog"));
    }
    for (var needed : catalog.derived().chosenPreloadSettings(preload)) {
      s.add(
          new Setting(
              needed.name(),
              needed.value(),
              "catalog",
              "needed by the preloaded library " + needed.libraries()));
    }
    boolean cron =
        catalog
            .find(PG_CRON)
            .flatMap(e -> e.preloadSpec())
            .map(p -> preload.contains(p.library()))
            .orElse(preload.contains(PG_CRON));
    if (cron) {
      s.add(
          new Setting(
              "cron.database_name",
              database,
              "runtime",
              "pg_cron runs its jobs from the database created at init (POSTGRES_DB)"));
    }
    s.add(
        new Setting(
            "wal_level",
            wal.value(),
            "runtime",
            wal == WalLevel.LOGICAL
                ? "POSTGRES_WAL_LEVEL (default logical: logical decoding works without a restart)"
                : "POSTGRES_WAL_LEVEL"));
    if (wal == WalLevel.MINIMAL) {
      s.add(
          new Setting(
              "max_wal_senders", "0", "runtime", "wal_level=minimal allows no WAL senders"));
    }
    return List.copyOf(s);
  }
}
