package io.azapg.tune.peers;

import io.azapg.tune.ByteSize;
import io.azapg.tune.Resources;
import io.azapg.tune.Sourced;
import io.azapg.tune.TuneRequest;
import io.azapg.tune.Tuner;
import io.azapg.tune.Tuning;
import io.azapg.tune.WorstCase;
import java.util.Locale;

/** One size of the docs tables: memory in MB and CPUs, with helpers to tune and to print. */
record Row(long mb, int cpus) {
  ByteSize limit() {
    return ByteSize.ofMiB(mb);
  }

  TuneRequest request() {
    return TuneRequest.of(
        Resources.given(Sourced.of(limit(), "--memory"), Sourced.of(cpus, "--cpus")));
  }

  Tuning tune() {
    return Tuner.tune(request());
  }

  Tuning tunePooled() {
    return Tuner.tune(request().withPooled(true, "--pooled"));
  }

  String label() {
    return (mb < 1024 ? mb + " MB" : mb / 1024 + " GB") + " / " + cpus;
  }

  /** "2 GB, 2 CPUs". */
  String title() {
    return (mb < 1024 ? mb + " MB" : mb / 1024 + " GB")
        + ", "
        + cpus
        + (cpus == 1 ? " CPU" : " CPUs");
  }

  /** "1.98 GiB (99 %) ✓" or "3.71 GiB (371 %) ✗": a worst case next to its limit. */
  static String worst(WorstCase worst) {
    long percent = Math.round(100.0 * worst.total().bytes() / worst.limit().bytes());
    return String.format(
        Locale.ROOT, "%s (%d %%) %s", worst.total(), percent, worst.fits() ? "✓" : "✗ over");
  }

  static String pg(long bytes) {
    return bytes < 0 ? "-1" : new ByteSize(bytes).pg();
  }
}
