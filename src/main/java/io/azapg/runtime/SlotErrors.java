package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.db.Sql;
import java.util.List;

/** The errors of a replica's slot check, each naming the variable to fix and how. */
final class SlotErrors {
  private SlotErrors() {}

  static AzaPgException missing(StandbyConfig cfg) {
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        "REPLICATION_SLOT_NAME=\""
            + cfg.slot()
            + "\" is not valid: the primary "
            + cfg.address()
            + " has no replication slot of that name; nothing was written",
        List.of(
            "create it on the primary: SELECT pg_create_physical_replication_slot("
                + Sql.literal(cfg.slot())
                + ");",
            "or set REPLICATION_SLOT_NAME to one of the primary's slots"
                + " (SELECT slot_name FROM pg_replication_slots;)"));
  }

  /** The replication connection itself failed: password, pg_hba rule, role or something else. */
  static AzaPgException connectFailed(StandbyConfig cfg, String error) {
    String lower = error.toLowerCase(java.util.Locale.ROOT);
    String who = "PG_REPLICATION_USER=" + cfg.user() + " at " + cfg.address();
    if (lower.contains("password authentication failed")) {
      return new AzaPgException(
          ExitCode.INVALID_INPUT,
          "PG_REPLICATION_PASSWORD is not valid: the primary refused it for " + who,
          List.of(
              "give the replica the primary's replication password"
                  + " (PG_REPLICATION_PASSWORD_FILE names the same secret file)"));
    }
    if (lower.contains("no pg_hba.conf entry")) {
      return new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the primary has no pg_hba.conf rule for replication connections of " + who,
          List.of(
              "an aza-pg primary adds one when it is initialised with PG_REPLICATION_PASSWORD set;"
                  + " otherwise add 'host replication "
                  + cfg.user()
                  + " all scram-sha-256' to its pg_hba.conf"));
    }
    if (lower.contains("does not exist") && lower.contains("role")) {
      return new AzaPgException(
          ExitCode.INVALID_INPUT,
          "PG_REPLICATION_USER=\""
              + cfg.user()
              + "\" is not valid: no such role on "
              + cfg.address(),
          List.of("use the primary's replication role (an aza-pg primary creates 'replicator')"));
    }
    return new AzaPgException(
        ExitCode.DATABASE,
        "cannot check replication slot " + cfg.slot() + " as " + who + ": " + error,
        List.of("check that the primary is up and PRIMARY_HOST/PRIMARY_PORT point at it"));
  }
}
