package io.azapg.engine.setup;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installs the missing ones among {@link AptPackages#REQUIRED} with apt-get, waiting for the dpkg
 * lock other apt runs may hold, and refreshing the package lists only when apt cannot find a
 * package.
 */
final class PackagesStep implements SetupStep {
  private static final Duration APT_TIMEOUT = Duration.ofMinutes(20);
  private static final int LIST_LOCK_RETRIES = 60;

  private final ProcessRunner runner;
  private final List<String> packages;

  PackagesStep(ProcessRunner runner, List<String> packages) {
    this.runner = runner;
    this.packages = List.copyOf(packages);
  }

  @Override
  public String name() {
    return "packages";
  }

  @Override
  public Optional<String> pending() {
    List<String> missing = missing();
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("apt-get install " + String.join(" ", missing));
  }

  List<String> missing() {
    ProcessResult query = runner.execute(ProcessSpec.of(AptPackages.queryArgv(packages)).build());
    return AptPackages.missing(packages, query.stdout());
  }

  @Override
  public void apply(Reporter reporter) {
    List<String> missing = missing();
    ProcessResult install = apt(installArgv(missing), reporter);
    if (!install.succeeded() && needsListUpdate(install)) {
      reporter.info(
          "apt-get update (the package lists do not know " + String.join(" ", missing) + ")");
      update(reporter);
      install = apt(installArgv(missing), reporter);
    }
    if (!install.succeeded()) {
      throw failure("apt-get install", install);
    }
    List<String> still = missing();
    if (!still.isEmpty()) {
      throw new AzaPgException(
          ExitCode.ENGINE, "apt-get reported success but these are not installed: " + still);
    }
  }

  static List<String> installArgv(List<String> missing) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "apt-get",
                "-o",
                "DPkg::Lock::Timeout=600",
                "install",
                "-y",
                "-q",
                "--no-install-recommends"));
    argv.addAll(missing);
    return argv;
  }

  private void update(Reporter reporter) {
    List<String> argv = List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "update", "-q");
    for (int attempt = 1; ; attempt++) {
      ProcessResult result = apt(argv, reporter);
      if (result.succeeded()) {
        return;
      }
      // The lists lock does not honour DPkg::Lock::Timeout; another apt-get may hold it briefly.
      if (!result.stderr().contains("Could not get lock") || attempt >= LIST_LOCK_RETRIES) {
        throw failure("apt-get update", result);
      }
      reporter.info("apt-get update waits for another apt run to release its lock");
      sleep(Duration.ofSeconds(5));
    }
  }

  private ProcessResult apt(List<String> argv, Reporter reporter) {
    return runner.execute(
        ProcessSpec.of(argv)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .timeout(APT_TIMEOUT)
            .failureCode(ExitCode.ENGINE)
            .listener((channel, line) -> reporter.debug("apt: " + line))
            .build());
  }

  private static boolean needsListUpdate(ProcessResult result) {
    String err = result.stderr();
    return err.contains("Unable to locate package")
        || err.contains("has no installation candidate")
        || err.contains("Failed to fetch")
        || err.contains("404");
  }

  private AzaPgException failure(String what, ProcessResult result) {
    List<String> tail =
        runner.redactor().redact(ProcessResult.tail(result.stderr() + "\n" + result.stdout(), 12));
    return new AzaPgException(
        ExitCode.ENGINE,
        what
            + " failed with exit code "
            + result.exitCode()
            + ":\n    "
            + String.join("\n    ", tail),
        List.of("run it by hand to see the whole output: " + String.join(" ", result.argv())));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzaPgException(ExitCode.INTERNAL, "interrupted while waiting for apt");
    }
  }
}
