package io.azapg.bench;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A container size: memory in MiB and CPUs, written {@code 2GB/2} or {@code 512MB/1}. */
record Size(long memoryMb, int cpus) {
  private static final Pattern FORM =
      Pattern.compile("(\\d+)\\s*(MB|GB|M|G)/(\\d+)", Pattern.CASE_INSENSITIVE);

  static Size parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches() || Integer.parseInt(m.group(3)) < 1) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--sizes '" + text + "' is not a size",
          List.of("write memory/CPUs, such as 1GB/1 or 2GB/2"));
    }
    long n = Long.parseLong(m.group(1));
    long mb = m.group(2).toUpperCase(Locale.ROOT).startsWith("G") ? n * 1024 : n;
    if (mb < 512) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "--sizes '" + text + "' is below the 512 MB minimum", List.of());
    }
    return new Size(mb, Integer.parseInt(m.group(3)));
  }

  @Override
  public String toString() {
    return (memoryMb % 1024 == 0 ? memoryMb / 1024 + " GB" : memoryMb + " MB")
        + " / "
        + cpus
        + " CPU";
  }
}
