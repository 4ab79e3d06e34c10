package io.azapg.tune.peers;

import static io.azapg.tune.peers.PeerSettings.KB;
import static io.azapg.tune.peers.PeerSettings.MB;

/**
 * le0pard/pgtune's 2026 rules (anchors §2.1) for DB type mixed, Linux, SSD, PostgreSQL 18, "db size
 * vs RAM" mid, connections not given. Arithmetic in kB, as pgtune does it.
 */
public final class Pgtune {
  private Pgtune() {}

  public static PeerSettings mixed(long ramMb, int cpus) {
    long ramKb = ramMb * 1024;
    int connections = 100;
    long sharedKb = ramKb / 4;
    long cacheKb = ramKb * 3 / 4;
    long maintenanceKb = Math.min(ramKb / 16, 8L * 1024 * 1024);
    int workers = cpus >= 4 ? cpus : 8;
    double workKb = (ramKb - sharedKb) / (double) ((connections + workers) * 3) * 0.5;
    long workMemKb = Math.max((long) Math.floor(workKb), 4 * 1024);
    long walKb = (long) Math.floor(sharedKb * 3 / 100.0);
    walKb = walKb > 14 * 1024 ? 16 * 1024 : Math.max(walKb, 32);
    boolean parallel = cpus >= 4;
    int gather = parallel ? Math.min((cpus + 1) / 2, 4) : 2;
    int avWorkers = cpus >= 32 ? 5 : cpus >= 16 ? 4 : 3;
    long avKb = maintenanceKb >= 2L * 1024 * 1024 ? 2L * 1024 * 1024 : -1;
    return new PeerSettings(
        connections,
        sharedKb * KB,
        cacheKb * KB,
        workMemKb * KB,
        maintenanceKb * KB,
        avKb < 0 ? -1 : avKb * KB,
        avWorkers,
        walKb * KB,
        parallel ? cpus : 8,
        parallel ? cpus : 8,
        gather,
        parallel ? Math.min((cpus + 1) / 2, 4) : 2,
        0, // io_method = io_uring: no I/O workers (and no start under a default seccomp profile)
        false); // jit = off
  }

  /** huge_pages as pgtune writes it: try from 2 GB of shared_buffers. */
  public static String hugePages(PeerSettings s) {
    return s.sharedBuffers() >= 2048 * MB ? "try" : "off";
  }
}
