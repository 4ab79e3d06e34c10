package io.azapg.tune.detect;

import java.util.OptionalLong;

/** Reads a cgroup limit: a number of bytes, or one of the ways cgroups say "no limit". */
final class CgroupValue {
  /**
   * Anything this large means "no limit": cgroup v1 writes LONG_MAX rounded down to a page
   * (9223372036854771712), some kernels LONG_MAX itself, and a few ULONG_MAX.
   */
  static final long UNLIMITED = 1L << 60;

  private CgroupValue() {}

  /** The limit in the text; empty for "max", -1, the v1 sentinels, or text that is no number. */
  static OptionalLong limit(String text) {
    String t = text.strip();
    if (t.equals("max") || t.startsWith("-") || t.length() > 18 || !t.matches("\\d+")) {
      return OptionalLong.empty();
    }
    long value = Long.parseLong(t);
    return value >= UNLIMITED ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
