package io.azapg.tune.detect;

import java.util.OptionalInt;

/** Counts the CPUs in a kernel CPU list such as {@code 0-3,8,10-11} (cpuset files). */
final class CpuList {
  private CpuList() {}

  /** The number of CPUs in the list; empty when it is blank or malformed. */
  static OptionalInt count(String list) {
    String text = list.strip();
    if (text.isEmpty()) {
      return OptionalInt.empty();
    }
    int count = 0;
    for (String part : text.split(",")) {
      String[] range = part.strip().split("-");
      try {
        if (range.length == 1) {
          Integer.parseInt(range[0]);
          count++;
        } else if (range.length == 2) {
          int from = Integer.parseInt(range[0]);
          int to = Integer.parseInt(range[1]);
          if (to < from) {
            return OptionalInt.empty();
          }
          count += to - from + 1;
        } else {
          return OptionalInt.empty();
        }
      } catch (NumberFormatException e) {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.of(count);
  }
}
