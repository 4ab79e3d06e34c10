package io.azapg.tune.detect;

import io.azapg.tune.ByteSize;
import io.azapg.tune.Sourced;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The huge pages this server could map: the machine's free huge pages, capped by the cgroup's
 * hugetlb limit when there is one (Kubernetes sets it to 0 for pods that did not ask).
 */
final class HugePagesProbe {
  private HugePagesProbe() {}

  static Sourced<ByteSize> probe(Cgroups cgroups, MemInfo meminfo) {
    ByteSize free = meminfo.hugePagesFreeBytes();
    String size = pageSizeName(meminfo.hugePageSize());
    boolean v2 = cgroups.version() == Cgroups.Version.V2;
    String file = v2 ? "hugetlb." + size + ".max" : "hugetlb." + size + ".limit_in_bytes";
    List<Path> chain = cgroups.chain("hugetlb");
    for (Path dir : chain) {
      OptionalLong limit =
          new PseudoFile(dir.resolve(file))
              .firstLine()
              .map(CgroupValue::limit)
              .orElse(OptionalLong.empty());
      if (limit.isPresent() && limit.getAsLong() < free.bytes()) {
        return Sourced.of(
            new ByteSize(limit.getAsLong()), (v2 ? "cgroup v2 " : "cgroup v1 ") + file);
      }
    }
    return Sourced.of(free, "/proc/meminfo HugePages_Free");
  }

  /** The kernel's name for a page size in hugetlb file names: 2MB, 1GB. */
  static String pageSizeName(ByteSize size) {
    long b = size.bytes();
    if (b >= ByteSize.GIB && b % ByteSize.GIB == 0) {
      return b / ByteSize.GIB + "GB";
    }
    if (b >= ByteSize.MIB && b % ByteSize.MIB == 0) {
      return b / ByteSize.MIB + "MB";
    }
    return String.format(Locale.ROOT, "%dKB", b / ByteSize.KIB);
  }
}
