package io.azapg.bench;

/**
 * One measured run: which size, configuration and workload, its figure (tps, or milliseconds for
 * analytics), the WAL it wrote, checkpoints during it, and the host's load average before and after
 * (the machine may be shared).
 */
record Measurement(
    String size,
    Contender contender,
    String workload,
    int repetition,
    double value,
    long walBytes,
    long checkpoints,
    String loadBefore,
    String loadAfter) {}
