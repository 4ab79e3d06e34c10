package io.azapg.runtime;

import java.util.List;
import java.util.Map;

/**
 * What the server's replication role adds to the tuning include: a standby's own settings, and the
 * primary's values it may not go below (see {@link StandbyFloors}); a primary's synchronous
 * replication ({@link SynchronousStandbys}).
 *
 * @param settings lines written before the tuner's (they win over a tuned line of the same name)
 * @param floors the primary's values from pg_controldata, by setting name
 */
record RoleSettings(List<Setting> settings, Map<String, Integer> floors) {
  /** A primary's: its synchronous standbys, if it has any. */
  static RoleSettings primary(SynchronousStandbys sync) {
    return new RoleSettings(sync.settings(), Map.of());
  }

  RoleSettings {
    settings = List.copyOf(settings);
    floors = Map.copyOf(floors);
  }
}
