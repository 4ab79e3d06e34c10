package io.azapg.tune;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;

/**
 * The tuner's refusals: one line that names the value, where it came from and how to fix it, raised
 * as {@link ExitCode#INVALID_INPUT}.
 */
final class Refusals {
  private static final int OLDEST_MAJOR = 13;

  private Refusals() {}

  /** Refuses inputs no configuration can serve: too little memory, unknown versions. */
  static void checkInputs(TuneRequest request) {
    Sourced<ByteSize> memory = request.resources().memory();
    if (memory.value().isLessThan(Tuner.MINIMUM_MEMORY)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "memory "
              + memory
              + " is below the "
              + Tuner.MINIMUM_MEMORY
              + " minimum; give the container at least 512 MiB: docker run -m 1g, or compose"
              + " mem_limit: 1g",
          memory.source().startsWith("--")
              ? List.of()
              : List.of("if the detected value is wrong, set POSTGRES_MEMORY (for example 1GB)"));
    }
    Sourced<Integer> major = request.pgMajor();
    if (major.value() < OLDEST_MAJOR || major.value() > TuneRequest.PG_MAJOR) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "PostgreSQL "
              + major
              + " is not supported: the tuner knows 13 to "
              + TuneRequest.PG_MAJOR,
          List.of());
    }
    Sourced<Integer> workers = request.backgroundWorkers();
    if (workers.value() < 0 || workers.value() > Tuner.MAX_BACKGROUND_WORKERS) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "background workers "
              + workers
              + " must be between 0 and "
              + Tuner.MAX_BACKGROUND_WORKERS,
          List.of());
    }
  }

  /** An override that cannot work with the limit by itself. */
  static AzaPgException overLimit(TuneRequest request, String override, String why) {
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        "override " + override + " " + why + " " + request.resources().memory(),
        List.of("lower it, or give the container more memory"));
  }

  /** An override that contradicts what was probed on this machine. */
  static AzaPgException contradicts(String override, String why) {
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        "override " + override + " cannot work here: " + why,
        List.of("remove the override and let the tuner choose"));
  }

  /** Settings whose worst case exceeds the limit: overrides, or too many processes. */
  static AzaPgException doesNotFit(TuneRequest request, Overrides overrides, WorstCase worst) {
    String given = overrides.describeMemoryOverrides();
    if (!given.isEmpty()) {
      return new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the overrides "
              + given
              + " need "
              + worst.total()
              + " in the worst case, above the memory limit "
              + request.resources().memory(),
          List.of("lower them, or drop one and let the tuner fit the others to the limit"));
    }
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        "memory "
            + request.resources().memory()
            + " cannot hold "
            + request.backgroundWorkers().value()
            + " background workers and the processes of "
            + request.resources().cpus().value()
            + " CPUs with any useful work_mem; give the container more memory or reserve fewer"
            + " background workers",
        List.of());
  }
}
