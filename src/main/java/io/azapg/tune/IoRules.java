package io.azapg.tune;

import static io.azapg.tune.TunedSetting.IO_METHOD;
import static io.azapg.tune.TunedSetting.IO_WORKERS;

import java.util.OptionalInt;

/**
 * PostgreSQL 18's asynchronous I/O: io_uring only where it was probed available, otherwise I/O
 * worker processes.
 */
final class IoRules {
  static final String NOT_PROBED = "not probed";

  private IoRules() {}

  /**
   * Writes io_method and io_workers (PostgreSQL 18 and later).
   *
   * @return the I/O worker processes the worst case must count, and their memory
   */
  static ParallelRules.Processes apply(Sheet sheet, TuneRequest request, double processCost) {
    ParallelRules.Processes none = new ParallelRules.Processes(0, 0, "");
    if (request.pgMajor().value() < 18) {
      for (TunedSetting setting : new TunedSetting[] {IO_METHOD, IO_WORKERS}) {
        if (sheet.overrides().has(setting)) {
          throw Refusals.contradicts(
              setting.pgName() + "=" + sheet.overrides().text(setting).orElseThrow(),
              "it needs PostgreSQL 18, not " + request.pgMajor());
        }
      }
      return none;
    }
    Sourced<Boolean> uring = request.resources().ioUring();
    String method =
        sheet.word(
            IO_METHOD,
            uring.value() ? "io_uring" : "worker",
            uring.value()
                ? "io_uring: probed available ("
                    + uring.source()
                    + "); backends submit their own I/O without worker processes"
                : "worker: io_uring is not available ("
                    + uring.source()
                    + "); pgtune's io_uring stopped the server under a default container seccomp"
                    + " profile (measured)");
    if (method.equals("io_uring") && !uring.value()) {
      if (!uring.source().equals(NOT_PROBED)) {
        throw Refusals.contradicts(
            "io_method=io_uring", "io_uring is not available (" + uring.source() + ")");
      }
      sheet.warn(
          "io_method=io_uring was not probed here: if a seccomp profile blocks io_uring, the"
              + " server will not start");
    }
    OptionalInt given = sheet.overrides().integer(IO_WORKERS);
    ParallelRules.Processes workers =
        given.isPresent()
            ? ParallelRules.Processes.given(given.getAsInt(), processCost)
            : ParallelRules.ioWorkers(
                request.resources().cpus().value(),
                request.resources().memory().value().bytes(),
                processCost);
    sheet.count(IO_WORKERS, Choice.of(workers.count(), workers.rule()));
    return method.equals("worker") ? workers : none;
  }
}
