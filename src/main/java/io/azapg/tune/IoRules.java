package io.azapg.tune;

import static io.azapg.tune.TunedSetting.IO_METHOD;
import static io.azapg.tune.TunedSetting.IO_WORKERS;

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
   * @return the I/O worker processes the worst case must count
   */
  static int apply(Sheet sheet, TuneRequest request) {
    if (request.pgMajor().value() < 18) {
      return 0;
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
        throw Refusals.contradicts("io_method=io_uring", "io_uring is " + uring.source());
      }
      sheet.warn(
          "io_method=io_uring was not probed here: if a seccomp profile blocks io_uring, the"
              + " server will not start");
    }
    int workers =
        sheet.count(IO_WORKERS, ParallelRules.ioWorkers(request.resources().cpus().value()));
    return method.equals("worker") ? workers : 0;
  }
}
