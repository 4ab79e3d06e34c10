package io.azapg.tune.render;

import io.azapg.tune.Tuning;
import java.util.List;

/**
 * The one line a tuning leaves in the server log: inputs with sources, key settings, worst case.
 */
public final class SummaryLine {
  /** The settings the line shows, most telling first. */
  static final List<String> KEY_SETTINGS =
      List.of(
          "shared_buffers",
          "effective_cache_size",
          "work_mem",
          "max_connections",
          "maintenance_work_mem",
          "max_parallel_workers",
          "io_method",
          "huge_pages");

  private SummaryLine() {}

  /** One line, no line break. */
  public static String of(Tuning tuning) {
    return String.join(", ", Inputs.phrases(tuning.request()))
        + " -> "
        + ConfRenderer.pairs(tuning, KEY_SETTINGS)
        + "; worst case "
        + tuning.worstCase().total()
        + " of "
        + tuning.worstCase().limit();
  }
}
