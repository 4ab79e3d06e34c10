package io.azapg.tune;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes: parsed from the memory forms people write ({@code 512MB}, {@code 2g}, {@code
 * 1.5GiB}) and printed in PostgreSQL's units, where MB means 2^20 bytes as it does for docker.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
  public static final long KIB = 1024L;
  public static final long MIB = 1024L * KIB;
  public static final long GIB = 1024L * MIB;
  public static final long TIB = 1024L * GIB;

  /** The largest size {@link #parse} accepts: 1 PiB keeps every later sum far from overflow. */
  public static final long MAX = 1024L * TIB;

  private static final Pattern FORM =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?");

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative: " + bytes);
    }
  }

  public static ByteSize ofMiB(long mib) {
    return new ByteSize(mib * MIB);
  }

  public static ByteSize ofGiB(long gib) {
    return new ByteSize(gib * GIB);
  }

  /**
   * Parses a memory size as {@code POSTGRES_MEMORY} and {@code --memory} accept it: a number, an
   * optional fraction and a unit ({@code kB MB GB TB}, {@code KiB MiB GiB TiB}, docker's {@code k m
   * g t}, or {@code B}), in any case. A bare number means MB.
   *
   * @param text what the user wrote
   * @param source where it came from, named in the error ({@code --memory}, {@code
   *     POSTGRES_MEMORY})
   * @throws AzaPgException with {@link ExitCode#INVALID_INPUT} naming the text when it is no size
   */
  public static ByteSize parse(String text, String source) {
    Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          source + " '" + text + "' is not a memory size",
          List.of(
              "write a number with a unit: 512MB, 2GB, 2048MB or 1.5GiB (a bare number is MB)"));
    }
    BigDecimal exact = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit(m.group(2))));
    if (exact.compareTo(BigDecimal.valueOf(MAX)) > 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, source + " '" + text + "' is larger than 1 PiB", List.of());
    }
    return new ByteSize(exact.setScale(0, RoundingMode.DOWN).longValueExact());
  }

  private static long unit(String suffix) {
    if (suffix == null) {
      return MIB;
    }
    return switch (suffix.charAt(0)) {
      case 'k' -> KIB;
      case 'm' -> MIB;
      case 'g' -> GIB;
      case 't' -> TIB;
      default -> 1;
    };
  }

  public boolean isLessThan(ByteSize other) {
    return bytes < other.bytes;
  }

  /**
   * The value as a PostgreSQL setting: the largest of {@code TB GB MB kB} that divides it exactly,
   * after rounding down to whole kB ({@code 128MB}, {@code 1536kB}).
   */
  public String pg() {
    long kib = bytes / KIB;
    String[] units = {"TB", "GB", "MB"};
    long[] sizes = {TIB / KIB, GIB / KIB, MIB / KIB};
    for (int i = 0; i < units.length; i++) {
      if (kib >= sizes[i] && kib % sizes[i] == 0) {
        return kib / sizes[i] + units[i];
      }
    }
    return kib + "kB";
  }

  /**
   * For people: whole GiB when exact ({@code 2 GiB}), otherwise GiB with two decimals from 1 GiB
   * ({@code 1.98 GiB}); below 1 GiB whole MiB when exact ({@code 512 MiB}), otherwise MiB with one
   * decimal ({@code 8.5 MiB}).
   */
  @Override
  public String toString() {
    if (bytes >= GIB) {
      return bytes % GIB == 0
          ? bytes / GIB + " GiB"
          : String.format(Locale.ROOT, "%.2f GiB", bytes / (double) GIB);
    }
    return bytes % MIB == 0
        ? bytes / MIB + " MiB"
        : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
  }

  @Override
  public int compareTo(ByteSize other) {
    return Long.compare(bytes, other.bytes);
  }
}
