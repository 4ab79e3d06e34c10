package io.azapg.runtime;

import io.azapg.tune.Sourced;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container's environment contract, parsed and validated: everything the runtime needs to know
 * before it touches the data directory. Built by {@link StartupConfigParser}.
 *
 * @param pgdata the data directory ({@code PGDATA})
 * @param port the port the server listens on ({@code PGPORT}, default 5432)
 * @param superuser the bootstrap superuser ({@code POSTGRES_USER[_FILE]}, default postgres)
 * @param password the superuser's password ({@code POSTGRES_PASSWORD[_FILE]})
 * @param database the database created at init ({@code POSTGRES_DB[_FILE]}, default the user)
 * @param initdbArgs extra initdb arguments ({@code POSTGRES_INITDB_ARGS[_FILE]}, shell-quoted)
 * @param waldir initdb's {@code --waldir} ({@code POSTGRES_INITDB_WALDIR})
 * @param hostAuthMethod the pg_hba method for remote connections ({@code
 *     POSTGRES_HOST_AUTH_METHOD}), default scram-sha-256
 * @param walLevel {@code POSTGRES_WAL_LEVEL}, default logical
 * @param preloadOverride {@code POSTGRES_SHARED_PRELOAD_LIBRARIES}: replaces the catalog default
 * @param tune false when {@code AZA_PG_TUNE=off}
 * @param tuneInputs the raw tuning variables, handed to the tuning engine's detection
 * @param replicationPassword {@code PG_REPLICATION_PASSWORD[_FILE]}: creates the replicator role
 * @param replicationSlot {@code REPLICATION_SLOT_NAME}, default replica_slot_1
 * @param role {@code POSTGRES_ROLE}, default primary
 */
public record StartupConfig(
    Path pgdata,
    int port,
    String superuser,
    Optional<Secret> password,
    String database,
    List<String> initdbArgs,
    Optional<Path> waldir,
    String hostAuthMethod,
    WalLevel walLevel,
    Optional<List<String>> preloadOverride,
    boolean tune,
    TuneInputs tuneInputs,
    Optional<Secret> replicationPassword,
    String replicationSlot,
    ServerRole role) {

  /** The role created for streaming replicas when a replication password is set. */
  public static final String REPLICATION_ROLE = "replicator";

  /** The low-privilege role the healthcheck logs in as over TCP. */
  public static final String HEALTHCHECK_ROLE = "aza_pg_healthcheck";

  public StartupConfig {
    initdbArgs = List.copyOf(initdbArgs);
    preloadOverride = preloadOverride.map(List::copyOf);
  }

  /** Whether the host auth method lets anyone in without a password. */
  public boolean trustsEveryone() {
    return hostAuthMethod.equals("trust");
  }

  /**
   * The raw values of the tuning variables; the tuning engine parses and validates them.
   *
   * @param memory {@code POSTGRES_MEMORY}
   * @param cpus {@code POSTGRES_CPUS}
   * @param workload {@code POSTGRES_WORKLOAD_TYPE}
   * @param storage {@code POSTGRES_STORAGE_TYPE}
   * @param pooled {@code POSTGRES_POOLED}: clients come through PgBouncer
   * @param userValues settings the user gave the server, with their sources: at parse time the
   *     environment's ({@code POSTGRES_WORK_MEM} …), at boot also the files' and {@code -c}'s
   */
  public record TuneInputs(
      Optional<String> memory,
      Optional<String> cpus,
      Optional<String> workload,
      Optional<String> storage,
      boolean pooled,
      Map<String, Sourced<String>> userValues) {
    public TuneInputs {
      userValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(userValues));
    }

    /** The same inputs with every user value (environment, files, flags) in precedence order. */
    public TuneInputs withUserValues(Map<String, Sourced<String>> values) {
      return new TuneInputs(memory, cpus, workload, storage, pooled, values);
    }
  }
}
