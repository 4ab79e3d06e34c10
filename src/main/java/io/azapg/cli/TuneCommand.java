package io.azapg.cli;

import io.azapg.catalog.CatalogLoader;
import io.azapg.catalog.DerivedLists;
import io.azapg.common.Reporter;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Resources;
import io.azapg.tune.Sourced;
import io.azapg.tune.Storage;
import io.azapg.tune.TuneRequest;
import io.azapg.tune.Tuner;
import io.azapg.tune.Tuning;
import io.azapg.tune.Workload;
import io.azapg.tune.detect.Detector;
import io.azapg.tune.render.ConfRenderer;
import io.azapg.tune.render.JsonReport;
import io.azapg.tune.render.SummaryLine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code aza-pg tune}: PostgreSQL settings for a memory limit and CPU count, or for this machine.
 */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Tune PostgreSQL to a memory limit and CPU count, or to this machine or container (--detect).",
      "Data goes to stdout; warnings go to stderr."
    },
    footer = {
      "",
      "Examples:",
      "  aza-pg tune --memory 2GB --cpus 2",
      "  aza-pg tune --memory 4GB --cpus 4 --workload oltp --pooled --format json",
      "  aza-pg tune --detect --format summary"
    })
final class TuneCommand implements Callable<Integer> {
  /** What stdout gets. */
  enum Format {
    CONF,
    JSON,
    SUMMARY
  }

  static final int DEFAULT_CPUS = 2;

  private final Console console;

  @Spec CommandSpec spec;

  @Option(
      names = "--memory",
      paramLabel = "SIZE",
      description = "Memory limit: 512MB, 2GB, 1.5GiB, 2g; a bare number is MB.")
  @Nullable String memory;

  @Option(
      names = "--cpus",
      paramLabel = "N",
      description = "CPUs, fractions rounded up (default: " + DEFAULT_CPUS + " without --detect).")
  @Nullable String cpus;

  @Option(
      names = "--detect",
      description =
          "Read memory, CPUs, /dev/shm, huge pages and io_uring from this machine or"
              + " container (POSTGRES_MEMORY and POSTGRES_CPUS win); --memory and --cpus still"
              + " override.")
  boolean detect;

  @Option(
      names = "--workload",
      paramLabel = "KIND",
      description = "web, oltp, dw or mixed (default: mixed).")
  @Nullable String workload;

  @Option(
      names = "--storage",
      paramLabel = "KIND",
      description = "ssd, nvme, hdd or san (default: ssd).")
  @Nullable String storage;

  @Option(
      names = "--pooled",
      description = "Clients come through PgBouncer: fewer server connections, more work_mem.")
  boolean pooled;

  @Option(
      names = "--background-workers",
      paramLabel = "N",
      description =
          "Worker processes preloaded extensions keep (default: derived from the catalog's default"
              + " preload list, as the image derives it).")
  @Nullable Integer backgroundWorkers;

  @Option(
      names = "--pg-major",
      paramLabel = "N",
      description = "PostgreSQL major version (default: 18).")
  @Nullable Integer pgMajor;

  @Option(
      names = "--shm-size",
      paramLabel = "SIZE",
      description = "Size of /dev/shm (default: unknown, or detected).")
  @Nullable String shmSize;

  @Option(
      names = "--huge-pages-free",
      paramLabel = "SIZE",
      description = "Free huge pages (default: none, or detected).")
  @Nullable String hugePagesFree;

  @Option(
      names = "--io-uring",
      description = "io_uring is known to work here (default: no, or detected).")
  boolean ioUring;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = "Override a tuned setting; the others are fitted around it. Repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "conf (a postgresql.conf include), json (the full report) or summary (one log line); default: conf.")
  Format format = Format.CONF;

  TuneCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Tuning tuning = Tuner.tune(request());
    Reporter reporter = console.reporter();
    tuning.warnings().forEach(reporter::warn);
    String out =
        switch (format) {
          case CONF -> ConfRenderer.render(tuning);
          case JSON -> JsonReport.render(tuning);
          case SUMMARY -> SummaryLine.of(tuning) + "\n";
        };
    console.out().print(out);
    console.out().flush();
    return 0;
  }

  private TuneRequest request() {
    TuneRequest request = TuneRequest.of(resources());
    if (workload != null) {
      request = request.withWorkload(Workload.parse(workload, "--workload"), "--workload");
    }
    if (storage != null) {
      request = request.withStorage(Storage.parse(storage, "--storage"), "--storage");
    }
    if (pooled) {
      request = request.withPooled(true, "--pooled");
    }
    if (backgroundWorkers != null) {
      request = request.withBackgroundWorkers(backgroundWorkers, "--background-workers");
    } else {
      DerivedLists derived = new CatalogLoader().loadShipped().derived();
      request =
          request.withBackgroundWorkers(
              derived.backgroundWorkers(derived.defaultPreload()), "catalog preload list");
    }
    if (pgMajor != null) {
      request = request.withPgMajor(pgMajor, "--pg-major");
    }
    return request.withOverrides(overrides);
  }

  private Resources resources() {
    String givenMemory = memory;
    Resources resources;
    if (detect) {
      resources = Detector.system(System.getenv()).detect();
    } else if (givenMemory == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing --memory: give --memory (and --cpus), or --detect");
    } else {
      resources =
          Resources.given(
              Sourced.of(ByteSize.parse(givenMemory, "--memory"), "--memory"),
              cpus == null
                  ? Sourced.of(DEFAULT_CPUS, "default")
                  : Sourced.of(Resources.parseCpus(cpus, "--cpus"), "--cpus"));
    }
    if (detect && (memory != null || cpus != null)) {
      resources =
          new Resources(
              memory == null
                  ? resources.memory()
                  : Sourced.of(ByteSize.parse(memory, "--memory"), "--memory"),
              cpus == null
                  ? resources.cpus()
                  : Sourced.of(Resources.parseCpus(cpus, "--cpus"), "--cpus"),
              resources.shm(),
              resources.hugePagesFree(),
              resources.ioUring(),
              resources.warnings());
    }
    if (shmSize != null) {
      resources =
          resources.withShm(Sourced.of(ByteSize.parse(shmSize, "--shm-size"), "--shm-size"));
    }
    if (hugePagesFree != null) {
      resources =
          resources.withHugePagesFree(
              Sourced.of(ByteSize.parse(hugePagesFree, "--huge-pages-free"), "--huge-pages-free"));
    }
    if (ioUring) {
      resources = resources.withIoUring(Sourced.of(true, "--io-uring"));
    }
    return resources;
  }
}
