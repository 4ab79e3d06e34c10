package io.azapg.tune.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.tune.ByteSize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The peers' formulas reproduce the published worked examples and reference tables. */
class PeersTest {
  @ParameterizedTest(name = "pgtune mixed {0} MB / {1} CPUs")
  @CsvSource({
    // tuning-anchors §1: 512 MB/2, 1 GB/1, 2 GB/2
    "512, 2, 100, 128MB, 384MB, 32MB, 4MB, 3932kB",
    "1024, 1, 100, 256MB, 768MB, 64MB, 4MB, 7864kB",
    "2048, 2, 100, 512MB, 1536MB, 128MB, 4MB, 16MB"
  })
  void pgtune_matchesTheMeasuredConfigurations(
      long ram, int cpus, int mc, String sb, String ecs, String mwm, String wm, String wal) {
    PeerSettings s = Pgtune.mixed(ram, cpus);
    assertThat(s.maxConnections()).isEqualTo(mc);
    assertThat(pg(s.sharedBuffers())).isEqualTo(sb);
    assertThat(pg(s.effectiveCacheSize())).isEqualTo(ecs);
    assertThat(pg(s.maintenanceWorkMem())).isEqualTo(mwm);
    assertThat(pg(s.workMem())).isEqualTo(wm);
    assertThat(pg(s.walBuffers())).isEqualTo(wal);
  }

  @ParameterizedTest(name = "timescaledb-tune {0} MB / {1} CPUs")
  @CsvSource({
    // anchors §2.4 worked examples
    "1024, 1, 25, 256MB, 768MB, 128MB, 16MB, 7864kB, 8",
    "4096, 2, 50, 1GB, 3GB, 512MB, 32MB, 16MB, 21",
    "16384, 4, 100, 4GB, 12GB, 2047MB, 32MB, 16MB, 23",
    "65536, 16, 100, 16GB, 48GB, 2047MB, 32MB, 16MB, 35"
  })
  void timescaledbTune_matchesTheWorkedExamples(
      long ram,
      int cpus,
      int mc,
      String sb,
      String ecs,
      String mwm,
      String wm,
      String wal,
      int mwp) {
    PeerSettings s = TimescaleTune.of(ram, cpus);
    assertThat(s.maxConnections()).isEqualTo(mc);
    assertThat(pg(s.sharedBuffers())).isEqualTo(sb);
    assertThat(pg(s.effectiveCacheSize())).isEqualTo(ecs);
    assertThat(pg(s.maintenanceWorkMem())).isEqualTo(mwm);
    assertThat(pg(s.workMem())).isEqualTo(wm);
    assertThat(pg(s.walBuffers())).isEqualTo(wal);
    assertThat(s.maxWorkerProcesses()).isEqualTo(mwp);
  }

  @ParameterizedTest(name = "original aza-pg {0} MB / {1} CPUs")
  @CsvSource({
    // aza-pg-features §3.7 (mixed/ssd): conn, sb, ecs, mwm, wm, wal, io, mwp, par/gather/maint
    "512, 1, 60, 128, 256, 32, 1, 3, 1, 8, 1, 1, 1",
    "1024, 1, 60, 256, 512, 64, 1, 7, 1, 8, 1, 1, 1",
    "2048, 2, 84, 512, 1024, 128, 1, 16, 1, 8, 2, 1, 1",
    "4096, 4, 102, 1024, 2048, 256, 3, 16, 1, 8, 4, 2, 2",
    "8192, 4, 120, 2048, 4096, 512, 9, 16, 1, 8, 4, 2, 2",
    "16384, 8, 120, 3276, 6882, 1024, 23, 16, 2, 12, 8, 4, 4",
    "65536, 16, 120, 9830, 29819, 2048, 112, 16, 4, 24, 16, 8, 4",
    "262144, 32, 120, 32768, 123863, 2048, 256, 16, 8, 48, 32, 16, 4"
  })
  void original_matchesItsReferenceTable(
      long ram,
      int cpus,
      int mc,
      long sb,
      long ecs,
      long mwm,
      long wm,
      long wal,
      int io,
      int mwp,
      int par,
      int gather,
      int maint) {
    PeerSettings s = OriginalAzaPg.mixed(ram, cpus);
    assertThat(s.maxConnections()).isEqualTo(mc);
    assertThat(s.sharedBuffers()).isEqualTo(sb * ByteSize.MIB);
    assertThat(s.effectiveCacheSize()).isEqualTo(ecs * ByteSize.MIB);
    assertThat(s.maintenanceWorkMem()).isEqualTo(mwm * ByteSize.MIB);
    assertThat(s.workMem()).isEqualTo(wm * ByteSize.MIB);
    assertThat(s.walBuffers()).isEqualTo(wal * ByteSize.MIB);
    assertThat(s.ioWorkers()).isEqualTo(io);
    assertThat(s.maxWorkerProcesses()).isEqualTo(mwp);
    assertThat(s.maxParallelWorkers()).isEqualTo(par);
    assertThat(s.perGather()).isEqualTo(gather);
    assertThat(s.maintenanceWorkers()).isEqualTo(maint);
  }

  private static String pg(long bytes) {
    return new ByteSize(bytes).pg();
  }
}
