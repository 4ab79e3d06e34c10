package io.azapg.tune;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;
import java.util.Locale;

/** What the database mostly does; each kind brings its connection target and memory floors. */
public enum Workload {
  /** Many short statements from web applications. */
  WEB(200, 2, 64, 1, 4, 100),
  /** Many short transactions, more writes than web. */
  OLTP(300, 2, 64, 2, 8, 100),
  /** Data warehouse: few sessions running large sorts, hashes and scans. */
  DW(40, 16, 1024, 4, 16, 500),
  /** Both at once: the default. */
  MIXED(100, 2, 256, 1, 4, 100);

  private final int connections;
  private final long workMemFloorMib;
  private final long workMemCapMib;
  private final long minWalGib;
  private final long maxWalGib;
  private final int statisticsTarget;

  Workload(
      int connections,
      long workMemFloorMib,
      long workMemCapMib,
      long minWalGib,
      long maxWalGib,
      int statisticsTarget) {
    this.connections = connections;
    this.workMemFloorMib = workMemFloorMib;
    this.workMemCapMib = workMemCapMib;
    this.minWalGib = minWalGib;
    this.maxWalGib = maxWalGib;
    this.statisticsTarget = statisticsTarget;
  }

  /** Parses {@code web|oltp|dw|mixed} in any case, naming the bad value and its source. */
  public static Workload parse(String text, String source) {
    for (Workload w : values()) {
      if (w.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return w;
      }
    }
    throw new AzaPgException(
        ExitCode.INVALID_INPUT,
        source + " '" + text + "' is not a workload",
        List.of("use one of web, oltp, dw, mixed"));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** max_connections when clients connect directly (no pooler) and memory allows. */
  int directConnections() {
    return connections;
  }

  /**
   * The smallest work_mem worth having for this workload at this memory: 1/512 of the memory, at
   * least 1 MB and at most the workload's floor. Connections give way below it.
   */
  long workMemFloor(double limit) {
    double scaled = Math.max(ByteSize.MIB, limit / 512);
    return Math.min(workMemFloorMib * ByteSize.MIB, ConnectionBudget.grid(scaled));
  }

  /** The largest floor, reached at 512 times its size. */
  long workMemFloor() {
    return workMemFloorMib * ByteSize.MIB;
  }

  long workMemCap() {
    return workMemCapMib * ByteSize.MIB;
  }

  long minWalSize() {
    return minWalGib * ByteSize.GIB;
  }

  long maxWalSize() {
    return maxWalGib * ByteSize.GIB;
  }

  int statisticsTarget() {
    return statisticsTarget;
  }
}
