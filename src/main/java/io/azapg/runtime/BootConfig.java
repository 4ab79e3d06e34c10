package io.azapg.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.azapg.catalog.Catalog;
import io.azapg.common.Reporter;
import io.azapg.tune.Sourced;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the runtime writes into the data directory at every start: the tuning include, its JSON
 * report (read from SQL through {@code aza_pg.tuning}) and the healthcheck's facts.
 */
final class BootConfig {
  static final String HEALTH_FILE = "aza-pg.healthcheck";

  private final List<Setting> settings;
  private final String summary;
  private final Map<String, Object> report;

  private BootConfig(List<Setting> settings, String summary, Map<String, Object> report) {
    this.settings = List.copyOf(settings);
    this.summary = summary;
    this.report = report;
  }

  /**
   * Computes the include's settings: the runtime's and the catalog's lines, then the tuning
   * engine's (unless tuning is off). Invalid tuning inputs stop here, before anything is written.
   *
   * @param userValues what the user set for tuned settings ({@link UserValues#read}): kept, and the
   *     rest fitted around them
   */
  static BootConfig compute(
      StartupConfig cfg,
      Catalog catalog,
      List<String> preload,
      String database,
      Map<String, Sourced<String>> userValues,
      TuningEngine tuner,
      RoleSettings role,
      Reporter reporter,
      Clock clock,
      String version) {
    List<Setting> all =
        new ArrayList<>(
            BaseSettings.build(
                catalog, preload, cfg.preloadOverride().isPresent(), database, cfg.walLevel()));
    all.addAll(role.settings());
    String summary;
    Map<String, Object> tunerReport = Map.of();
    if (cfg.tune()) {
      int workers = catalog.derived().backgroundWorkers(preload);
      TuningEngine.Tuned tuned = tuner.tune(cfg.tuneInputs().withUserValues(userValues), workers);
      Map<String, String> raise = StandbyFloors.raise(tuned.settings(), role.floors());
      if (!raise.isEmpty()) {
        // PostgreSQL's own requirement: kept like a value the user set, the rest fitted around it
        // (a warning with the numbers if it does not fit the memory).
        Map<String, Sourced<String>> withFloors = new LinkedHashMap<>(userValues);
        raise.forEach(
            (name, value) -> withFloors.put(name, Sourced.of(value, StandbyFloors.SOURCE)));
        tuned = tuner.tune(cfg.tuneInputs().withUserValues(withFloors), workers);
        reporter.info(
            "standby: tuned around the primary's values, which a standby may not go below: "
                + raise);
      }
      Set<String> taken = new TreeSet<>();
      all.forEach(s -> taken.add(s.name()));
      for (Setting s : tuned.settings()) {
        if (taken.add(s.name())) {
          all.add(s);
        }
      }
      summary = tuned.summary() + ", wal_level=" + cfg.walLevel().value();
      tunerReport = tuned.report();
    } else {
      List<String> ignored = new ArrayList<>();
      StartupConfig.TuneInputs in = cfg.tuneInputs();
      in.memory().ifPresent(v -> ignored.add("POSTGRES_MEMORY"));
      in.cpus().ifPresent(v -> ignored.add("POSTGRES_CPUS"));
      in.workload().ifPresent(v -> ignored.add("POSTGRES_WORKLOAD_TYPE"));
      in.storage().ifPresent(v -> ignored.add("POSTGRES_STORAGE_TYPE"));
      if (in.pooled()) {
        ignored.add("POSTGRES_POOLED");
      }
      Set<String> taken = new TreeSet<>();
      all.forEach(s -> taken.add(s.name()));
      in.userValues()
          .forEach(
              (name, value) -> {
                if (taken.add(name)) {
                  all.add(
                      new Setting(
                          name, value.value(), "user", "set by you (" + value.source() + ")"));
                }
              });
      if (!ignored.isEmpty()) {
        reporter.warn("AZA_PG_TUNE=off: " + String.join(", ", ignored) + " ignored");
      }
      summary =
          "tuning off (AZA_PG_TUNE=off): PostgreSQL defaults apply, plus shared_preload_libraries="
              + String.join(",", preload)
              + ", wal_level="
              + cfg.walLevel().value();
    }
    Set<String> covered = new TreeSet<>();
    all.forEach(s -> covered.add(s.name()));
    all.addAll(StandbyFloors.missing(covered, role.floors()));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("aza_pg_version", version);
    report.put("written_at", Instant.now(clock).toString());
    report.put("tuning", cfg.tune() ? "on" : "off");
    report.put("summary", summary);
    List<Map<String, String>> rows = new ArrayList<>();
    for (Setting s : all) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("name", s.name());
      row.put("value", s.value());
      row.put("origin", s.origin());
      row.put("reason", s.reason());
      rows.add(row);
    }
    report.put("settings", rows);
    report.put("tuner", tunerReport);
    return new BootConfig(all, summary, report);
  }

  List<Setting> settings() {
    return settings;
  }

  /** The one summary line for the log. */
  String summary() {
    return summary;
  }

  /** Names of every setting in the include. */
  Set<String> names() {
    Set<String> names = new TreeSet<>();
    settings.forEach(s -> names.add(s.name()));
    return names;
  }

  /** Writes the include and the report. */
  void write(DataDir dataDir) {
    dataDir.write(ConfIncludes.TUNING_FILE, TuningConf.render(settings, summary));
    try {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      dataDir.write(InitSql.REPORT_FILE, mapper.writeValueAsString(report) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the tuning report", e);
    }
  }

  /**
   * The healthcheck's facts for this start.
   *
   * @param checkRole the login role with a passfile, empty for a data directory aza-pg did not
   *     create (the healthcheck then queries over the local socket)
   * @param requiredPreload libraries the live setting must contain (empty when the user replaced
   *     the list)
   */
  static String healthFile(
      StartupConfig cfg,
      String user,
      String database,
      boolean createdByAzaPg,
      List<String> requiredPreload) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("user", user);
    m.put("database", database);
    m.put("port", Integer.toString(cfg.port()));
    m.put("role", cfg.role().value());
    m.put("init", createdByAzaPg ? "aza-pg" : "foreign");
    m.put("check_role", createdByAzaPg ? StartupConfig.HEALTHCHECK_ROLE : "");
    m.put("required_preload", String.join(" ", requiredPreload));
    return KeyValueFile.render(
        "aza-pg: written at every start, read by aza-pg-healthcheck; do not edit", m);
  }
}
