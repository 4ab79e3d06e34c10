package io.azapg.generate.compose;

import io.azapg.catalog.Catalog;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Resources;
import io.azapg.tune.Sourced;
import io.azapg.tune.Storage;
import io.azapg.tune.TuneRequest;
import io.azapg.tune.Tuner;
import io.azapg.tune.Tuning;
import io.azapg.tune.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers a stack derives from its memory, CPUs and workload, with the same tuner the image
 * runs at every start: PostgreSQL's max_connections (pooled behind PgBouncer), PgBouncer's pool
 * sizes, and the containers' limits. The derivation is written into the rendered files as comments
 * and into docs/STACKS.md.
 *
 * <p>Pool sizes: of PostgreSQL's max_connections, {@value #SUPERUSER_RESERVED} are reserved for
 * superusers ({@code superuser_reserved_connections}) and {@value #DIRECT_HEADROOM} are kept for
 * direct connections (the healthcheck, the postgres exporter, PgBouncer's own auth_query session
 * and two operator sessions); PgBouncer may open the rest: {@code max_db_connections}. A sixth of
 * them (at least one) is the reserve pool for bursts, the others the default pool. Clients queue in
 * PgBouncer instead of opening server connections, so {@code max_client_conn} is independent of
 * PostgreSQL's memory; PgBouncer's memory limit follows it (and its open-file limit is raised to
 * the container's hard limit at start).
 *
 * @param memory PostgreSQL's memory limit
 * @param cpus PostgreSQL's CPU limit
 * @param shm PostgreSQL's /dev/shm size
 * @param maxConnections PostgreSQL's max_connections (a {@code pg.max_connections} option wins)
 * @param tuningSummary the tuner's one-line summary, for comments
 * @param serverConnections PgBouncer's max_db_connections
 * @param defaultPool PgBouncer's default_pool_size
 * @param reservePool PgBouncer's reserve_pool_size
 * @param maxClients PgBouncer's max_client_conn
 * @param poolerMemory PgBouncer's memory limit
 */
public record StackSizing(
    ByteSize memory,
    String cpus,
    ByteSize shm,
    int maxConnections,
    String tuningSummary,
    int serverConnections,
    int defaultPool,
    int reservePool,
    int maxClients,
    ByteSize poolerMemory) {

  /** PostgreSQL's superuser_reserved_connections default. */
  public static final int SUPERUSER_RESERVED = 3;

  /** Connections kept for clients that bypass PgBouncer. */
  public static final int DIRECT_HEADROOM = 5;

  /** Each exporter's memory limit. */
  public static final ByteSize EXPORTER_MEMORY = ByteSize.ofMiB(64);

  /** Each exporter's CPU limit. */
  public static final String EXPORTER_CPUS = "0.25";

  /** PgBouncer's CPU limit: it is single-threaded, one CPU is all it can use. */
  public static final String POOLER_CPUS = "1";

  /** Sizes a stack from its options. */
  public static StackSizing of(StackOptions options, Catalog catalog) {
    ByteSize memory = ByteSize.parse(options.get(StackOption.MEMORY), "--set memory");
    String cpus = options.get(StackOption.CPUS);
    ByteSize shm = shm(memory);
    boolean pooled = options.kind() == StackKind.PRIMARY;
    TuneRequest request =
        TuneRequest.of(
                Resources.given(
                        Sourced.of(memory, "--set memory"),
                        Sourced.of(Resources.parseCpus(cpus, "--set cpus"), "--set cpus"))
                    .withShm(Sourced.of(shm, "shm_size")))
            .withWorkload(
                Workload.parse(options.get(StackOption.WORKLOAD), "--set workload"),
                "--set workload")
            .withStorage(
                Storage.parse(options.get(StackOption.STORAGE), "--set storage"), "--set storage")
            .withPooled(pooled, pooled ? "PgBouncer in front" : "direct connections")
            .withBackgroundWorkers(
                catalog.derived().backgroundWorkers(catalog.derived().defaultPreload()),
                "catalog preload list");
    Tuning tuning = Tuner.tune(request);
    int maxConnections =
        Integer.parseInt(
            options
                .serverSettings()
                .getOrDefault("max_connections", tuning.value("max_connections")));
    int server = Math.max(2, maxConnections - SUPERUSER_RESERVED - DIRECT_HEADROOM);
    int reserve = Math.max(1, server / 6);
    int clients = Integer.parseInt(options.get(StackOption.MAX_CLIENTS));
    long poolerBytes = Math.max(64 * ByteSize.MIB, 32 * ByteSize.MIB + clients * 16 * ByteSize.KIB);
    poolerBytes = (poolerBytes + 16 * ByteSize.MIB - 1) / (16 * ByteSize.MIB) * (16 * ByteSize.MIB);
    return new StackSizing(
        memory,
        cpus,
        shm,
        maxConnections,
        summary(memory, cpus, options, pooled, maxConnections),
        server,
        server - reserve,
        reserve,
        clients,
        new ByteSize(poolerBytes));
  }

  /** /dev/shm: a quarter of the memory, between 64 MB and 1 GB (parallel query's segments). */
  public static ByteSize shm(ByteSize memory) {
    return new ByteSize(Math.min(ByteSize.GIB, Math.max(64 * ByteSize.MIB, memory.bytes() / 4)));
  }

  /** The derivation, one comment line each, for pgbouncer.ini and compose.yaml. */
  public List<String> poolDerivation() {
    List<String> lines = new ArrayList<>();
    lines.add("PostgreSQL: max_connections = " + maxConnections + " (" + tuningSummary + ")");
    lines.add(
        "max_db_connections = "
            + serverConnections
            + " = max_connections "
            + maxConnections
            + " - "
            + SUPERUSER_RESERVED
            + " superuser_reserved_connections - "
            + DIRECT_HEADROOM
            + " kept for direct sessions (healthcheck, exporter, auth_query, 2 operators)");
    lines.add(
        "reserve_pool_size = "
            + reservePool
            + " (a sixth, at least 1), default_pool_size = "
            + defaultPool
            + " (the rest)");
    lines.add(
        "max_client_conn = "
            + maxClients
            + " (--set max-clients): clients wait in PgBouncer, not in PostgreSQL; PgBouncer gets "
            + poolerMemory.pg()
            + " of memory (32 MB + 16 kB per client, at least 64 MB)");
    return lines;
  }

  private static String summary(
      ByteSize memory, String cpus, StackOptions options, boolean pooled, int maxConnections) {
    return "tuned for "
        + memory.pg()
        + ", "
        + cpus
        + " CPU, "
        + options.get(StackOption.WORKLOAD)
        + " workload, "
        + (pooled ? "behind PgBouncer" : "direct connections")
        + (options.serverSettings().containsKey("max_connections")
            ? "; max_connections from --set pg.max_connections"
            : "");
  }
}
