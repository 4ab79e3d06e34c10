package io.azapg.tune;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the server may use, each value with its source: memory, CPUs, the size of {@code /dev/shm},
 * free huge pages and whether io_uring can be used; plus what detection wants the user to know.
 *
 * @param memory the memory limit the settings must fit into
 * @param cpus whole CPUs (fractional quotas already rounded up)
 * @param shm the size of {@code /dev/shm}, where parallel query's dynamic shared memory lives;
 *     empty when unknown
 * @param hugePagesFree huge pages this server could map (zero when none or unknown)
 * @param ioUring whether {@code io_method=io_uring} would start here
 * @param warnings detection notes for the log, such as "this may be the host's memory"
 */
public record Resources(
    Sourced<ByteSize> memory,
    Sourced<Integer> cpus,
    Optional<Sourced<ByteSize>> shm,
    Sourced<ByteSize> hugePagesFree,
    Sourced<Boolean> ioUring,
    List<String> warnings) {
  /** The most CPUs {@code POSTGRES_CPUS} and {@code --cpus} accept. */
  public static final int MAX_CPUS = 4096;

  private static final Pattern CPU_FORM = Pattern.compile("\\d+(\\.\\d+)?");

  public Resources {
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(cpus, "cpus");
    Objects.requireNonNull(shm, "shm");
    Objects.requireNonNull(hugePagesFree, "hugePagesFree");
    Objects.requireNonNull(ioUring, "ioUring");
    warnings = List.copyOf(warnings);
    if (cpus.value() < 1) {
      throw new IllegalArgumentException("cpus must be at least 1: " + cpus);
    }
  }

  /**
   * Resources given by hand (the CLI without {@code --detect}): /dev/shm unknown, no huge pages,
   * and io_uring treated as unavailable because nothing probed it.
   */
  public static Resources given(Sourced<ByteSize> memory, Sourced<Integer> cpus) {
    return new Resources(
        memory,
        cpus,
        Optional.empty(),
        Sourced.of(new ByteSize(0), "not probed"),
        Sourced.of(false, "not probed"),
        List.of());
  }

  public Resources withShm(Sourced<ByteSize> size) {
    return new Resources(memory, cpus, Optional.of(size), hugePagesFree, ioUring, warnings);
  }

  public Resources withHugePagesFree(Sourced<ByteSize> free) {
    return new Resources(memory, cpus, shm, free, ioUring, warnings);
  }

  public Resources withIoUring(Sourced<Boolean> available) {
    return new Resources(memory, cpus, shm, hugePagesFree, available, warnings);
  }

  /**
   * Parses a CPU count as {@code POSTGRES_CPUS} and {@code --cpus} accept it: a positive number,
   * possibly fractional like docker's {@code --cpus 1.5}, rounded up to whole CPUs.
   *
   * @throws AzaPgException with {@link ExitCode#INVALID_INPUT} naming the text and its source
   */
  public static int parseCpus(String text, String source) {
    String t = text.strip();
    if (CPU_FORM.matcher(t).matches()) {
      BigDecimal value = new BigDecimal(t);
      if (value.signum() > 0 && value.compareTo(BigDecimal.valueOf(MAX_CPUS)) <= 0) {
        return value.setScale(0, RoundingMode.CEILING).intValueExact();
      }
    }
    throw new AzaPgException(
        ExitCode.INVALID_INPUT,
        source + " '" + text + "' is not a CPU count",
        List.of("write a number of CPUs above 0 and at most " + MAX_CPUS + ", such as 2 or 1.5"));
  }
}
