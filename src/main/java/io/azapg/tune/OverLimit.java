package io.azapg.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one warning for user values that take the worst case over the limit: the numbers, the values
 * and where they came from, what aza-pg would choose instead, and how much memory they need.
 */
final class OverLimit {
  private OverLimit() {}

  static String warning(TuneRequest request, Overrides given, WorstCase worst) {
    Tuning alone = Tuner.tune(request.withUserValues(Map.of()));
    List<String> values = new ArrayList<>();
    List<String> instead = new ArrayList<>();
    for (Map.Entry<TunedSetting, String> e : given.values().entrySet()) {
      if (!e.getKey().takesMemory()) {
        continue;
      }
      String name = e.getKey().pgName();
      values.add(name + "=" + e.getValue() + " (" + given.source(e.getKey()) + ")");
      instead.add(name + "=" + alone.value(name));
    }
    return "the values you set ("
        + String.join(", ", values)
        + ") let PostgreSQL use up to "
        + worst.total()
        + " in the worst case, above the memory limit "
        + request.resources().memory()
        + "; a load that uses them can be OOM-killed. Fix: lower them (aza-pg alone would set "
        + String.join(", ", instead)
        + "), or give the container more than "
        + worst.total();
  }
}
