package io.azapg.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Synchronous replication on a primary, from {@value #VARIABLE}: a comma-separated list of the
 * {@code application_name}s of the standbys that confirm commits. An aza-pg replica connects with
 * its {@code REPLICATION_SLOT_NAME} as its {@code application_name}, so the stacks name the slot.
 * Empty or unset: asynchronous replication (PostgreSQL's default).
 *
 * <p>With names set, the tuning include gets {@code synchronous_standby_names} (one name, or {@code
 * ANY 1 (a, b)}: any one of them confirms) and {@code synchronous_commit = on}: a commit is
 * acknowledged only once a listed standby has flushed its WAL, so a standby that is down makes
 * commits wait. The temporary server of the first start's init runs without it (no standby can be
 * connected then). Being in the include, not on the command line, {@code ALTER SYSTEM SET
 * synchronous_standby_names = ''} plus {@code pg_reload_conf()} turns it off at once.
 *
 * @param names the standbys' application names, in order, without duplicates
 */
record SynchronousStandbys(List<String> names) {
  static final String VARIABLE = "POSTGRES_SYNCHRONOUS_STANDBY_NAMES";

  static final SynchronousStandbys OFF = new SynchronousStandbys(List.of());

  SynchronousStandbys {
    names = List.copyOf(names);
  }

  /** Reads and checks {@value #VARIABLE}; a bad name stops start-up naming it. */
  static SynchronousStandbys parse(Env env) {
    String raw = env.get(VARIABLE, "").strip();
    if (raw.isEmpty()) {
      return OFF;
    }
    List<String> names = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      String name = part.strip();
      if (!StartupConfigParser.SLOT_NAME.matcher(name).matches()) {
        throw StartupConfigParser.invalid(
            VARIABLE,
            raw,
            (name.isEmpty() ? "an empty name" : "\"" + name + "\" is not a standby name")
                + ": expected a comma-separated list of the replicas' application names (an"
                + " aza-pg replica's is its REPLICATION_SLOT_NAME: 1 to 63 lower-case letters,"
                + " digits or '_')");
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return new SynchronousStandbys(names);
  }

  boolean on() {
    return !names.isEmpty();
  }

  /** The value of {@code synchronous_standby_names}. */
  String value() {
    return names.size() == 1 ? names.get(0) : "ANY 1 (" + String.join(", ", names) + ")";
  }

  /** The include's lines: none when off. */
  List<Setting> settings() {
    if (!on()) {
      return List.of();
    }
    return List.of(
        new Setting(
            "synchronous_standby_names",
            value(),
            "runtime",
            VARIABLE
                + ": a commit waits until "
                + (names.size() == 1 ? "this standby" : "one of these standbys")
                + " has flushed it; while none is connected, commits wait (ALTER SYSTEM SET"
                + " synchronous_standby_names = '' and SELECT pg_reload_conf() stop the wait)"),
        new Setting(
            "synchronous_commit",
            "on",
            "runtime",
            VARIABLE + ": an acknowledged commit is on the standby's disk too"));
  }
}
