package io.azapg.bench;

import java.util.List;
import java.util.Locale;

/** Median and range of a few runs. */
record Stats(double median, double min, double max, int n) {
  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    List<Double> v = values.stream().sorted().toList();
    int n = v.size();
    double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    return new Stats(median, v.get(0), v.get(n - 1), n);
  }

  /** "3514 [3373–3564]". */
  String text(String format) {
    return String.format(
        Locale.ROOT, format + " [" + format + "–" + format + "]", median, min, max);
  }
}
