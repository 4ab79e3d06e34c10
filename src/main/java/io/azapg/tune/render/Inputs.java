package io.azapg.tune.render;

import io.azapg.tune.TuneRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The inputs of a tuning, each with its source, as short phrases for headers and log lines. */
final class Inputs {
  private Inputs() {}

  static List<String> phrases(TuneRequest request) {
    List<String> phrases = new ArrayList<>();
    phrases.add("memory " + request.resources().memory());
    phrases.add("CPUs " + request.resources().cpus());
    phrases.add(
        "workload " + request.workload().value().label() + source(request.workload().source()));
    phrases.add(
        "storage " + request.storage().value().label() + source(request.storage().source()));
    phrases.add(
        (request.pooled().value() ? "behind PgBouncer" : "direct connections")
            + source(request.pooled().source()));
    phrases.add("PostgreSQL " + request.pgMajor().value() + source(request.pgMajor().source()));
    phrases.add(
        request.backgroundWorkers().value()
            + " background workers"
            + source(request.backgroundWorkers().source()));
    request.resources().shm().ifPresent(shm -> phrases.add("/dev/shm " + shm.value()));
    for (Map.Entry<String, String> e : request.sortedOverrides().entrySet()) {
      phrases.add("override " + e.getKey() + "=" + e.getValue());
    }
    return phrases;
  }

  private static String source(String source) {
    return " (" + source + ")";
  }
}
