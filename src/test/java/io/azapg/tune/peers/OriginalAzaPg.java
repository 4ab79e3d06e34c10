package io.azapg.tune.peers;

import static io.azapg.tune.peers.PeerSettings.MB;

/**
 * The original aza-pg entrypoint's formulas for workload mixed and ssd (aza-pg-features §3.4):
 * integer MB arithmetic that truncates, as bash does.
 */
public final class OriginalAzaPg {
  private OriginalAzaPg() {}

  public static PeerSettings mixed(long ram, int cpus) {
    int base = 120;
    int connections =
        Math.max(
            20,
            ram < 2048
                ? base * 50 / 100
                : ram < 4096 ? base * 70 / 100 : ram < 8192 ? base * 85 / 100 : base);
    int ratio = ram <= 8192 ? 25 : ram <= 32768 ? 20 : 15;
    long shared = Math.min(Math.max(ram * ratio / 100, 64), 32768);
    long other = Math.max(ram * 20 / 100, 512);
    long cache = Math.max(Math.max((ram - shared - other) * 70 / 100, 2 * shared), 0);
    long maintenance = Math.min(Math.max(ram / 16, 32), 2048);
    long pool = Math.max(ram - shared - connections * 10L - 512, 256);
    long cap = ram >= 32768 ? 256 : ram >= 8192 ? 128 : ram >= 2048 ? 64 : 32;
    long work = Math.min(Math.max(pool / (connections * 4L), 1), cap);
    long wal = Math.min(Math.max(shared * 3 / 100, 1), 16);
    wal = wal == 15 ? 16 : wal;
    int ioWorkers = Math.min(Math.max(cpus / 4, 1), 64);
    int workerProcesses = Math.min(Math.max(cpus <= 4 ? cpus + 1 : cpus + cpus / 2, 8), 64);
    int gather = cpus >= 4 ? Math.max(1, cpus / 2) : 1;
    int maintenanceWorkers = cpus >= 4 ? Math.min(4, cpus / 2) : 1;
    return new PeerSettings(
        connections,
        shared * MB,
        cache * MB,
        work * MB,
        maintenance * MB,
        -1,
        3,
        wal * MB,
        workerProcesses,
        cpus,
        gather,
        maintenanceWorkers,
        ioWorkers,
        true);
  }
}
