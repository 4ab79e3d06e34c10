package io.azapg.tune.peers;

import static io.azapg.tune.peers.PeerSettings.KB;

/**
 * timescale/timescaledb-tune's default profile (anchors §2.2), memory and CPUs given, connections
 * not given, 16 background workers for TimescaleDB.
 */
public final class TimescaleTune {
  private TimescaleTune() {}

  public static PeerSettings of(long ramMb, int cpus) {
    double ramGb = ramMb / 1024.0;
    int connections = ramMb <= 2048 ? 25 : ramMb <= 4096 ? 50 : ramMb <= 6144 ? 75 : 100;
    long ramKb = ramMb * 1024;
    long maintenanceKb = Math.min(ramKb / 8, 2047L * 1024);
    long perCpu = Math.max(1, Math.round(cpus / 2.0));
    long workKb = Math.max((long) (ramGb * 400 * 1024 / connections / perCpu), 64);
    long walKb = ramMb < 2048 ? (long) (ramGb * 7864) : 16 * 1024;
    boolean parallel = cpus > 1;
    return new PeerSettings(
        connections,
        ramKb / 4 * KB,
        ramKb * 3 / 4 * KB,
        workKb * KB,
        maintenanceKb * KB,
        -1,
        10,
        walKb * KB,
        parallel ? 3 + 16 + cpus : 8,
        parallel ? cpus : 8,
        parallel ? (int) Math.round(cpus / 2.0) : 2,
        2,
        3,
        false);
  }
}
