package io.azapg.tune.detect;

import io.azapg.tune.ByteSize;
import java.util.Optional;
import java.util.OptionalLong;

/** The parts of /proc/meminfo detection needs: total memory and free huge pages. */
record MemInfo(Optional<ByteSize> total, long hugePagesFree, ByteSize hugePageSize) {
  static MemInfo read(HostPaths paths) {
    PseudoFile file = new PseudoFile(paths.proc().resolve("meminfo"));
    OptionalLong total = kib(file, "MemTotal");
    OptionalLong pageSize = kib(file, "Hugepagesize");
    OptionalLong free = number(file, "HugePages_Free");
    return new MemInfo(
        total.isPresent() ? Optional.of(new ByteSize(total.getAsLong())) : Optional.empty(),
        free.orElse(0),
        new ByteSize(pageSize.orElse(2 * ByteSize.MIB)));
  }

  /** A "Key: 123 kB" line in bytes. */
  private static OptionalLong kib(PseudoFile file, String key) {
    OptionalLong n = number(file, key);
    return n.isPresent() ? OptionalLong.of(n.getAsLong() * ByteSize.KIB) : n;
  }

  private static OptionalLong number(PseudoFile file, String key) {
    Optional<String> value = file.field(key);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().split("\\s+")[0]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Huge pages free on the machine, in bytes. */
  ByteSize hugePagesFreeBytes() {
    return new ByteSize(hugePagesFree * hugePageSize.bytes());
  }
}
