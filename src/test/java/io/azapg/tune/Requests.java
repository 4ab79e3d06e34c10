package io.azapg.tune;

/** Builds tuning requests for tests. */
final class Requests {
  private Requests() {}

  static TuneRequest of(long mib, int cpus) {
    return TuneRequest.of(
        Resources.given(Sourced.of(ByteSize.ofMiB(mib), "--memory"), Sourced.of(cpus, "--cpus")));
  }

  static TuneRequest of(long mib, int cpus, Workload workload, Storage storage, boolean pooled) {
    return of(mib, cpus)
        .withWorkload(workload, "--workload")
        .withStorage(storage, "--storage")
        .withPooled(pooled, "--pooled");
  }

  static long bytes(Tuning tuning, String name) {
    return TunedSetting.byName(name).orElseThrow().bytes(tuning.value(name));
  }

  static int integer(Tuning tuning, String name) {
    return Integer.parseInt(tuning.value(name));
  }
}
