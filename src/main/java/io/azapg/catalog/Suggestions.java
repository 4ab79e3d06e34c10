package io.azapg.catalog;

import java.util.Collection;
import java.util.Optional;

/** Finds the closest known name for a misspelt one ("did you mean …?"). */
final class Suggestions {
  private Suggestions() {}

  /** The known name closest to {@code wrong}, if it is close enough to be a likely typo. */
  static Optional<String> closest(String wrong, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(wrong, candidate);
      if (d < bestDistance
          || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    int limit = Math.max(2, wrong.length() / 3);
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** Appends " (did you mean x?)" when a close name exists. */
  static String hint(String wrong, Collection<String> known) {
    return closest(wrong, known).map(s -> " (did you mean " + s + "?)").orElse("");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
