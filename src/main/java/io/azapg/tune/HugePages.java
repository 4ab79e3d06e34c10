package io.azapg.tune;

import static io.azapg.tune.TunedSetting.HUGE_PAGES;
import static io.azapg.tune.TunedSetting.SHARED_BUFFERS;
import static io.azapg.tune.TunedSetting.WAL_BUFFERS;

/**
 * huge_pages: {@code try} only when enough huge pages are free for the shared memory, {@code off}
 * otherwise, because a container that maps huge pages its hugetlb limit does not grant dies of
 * SIGBUS.
 */
final class HugePages {
  private HugePages() {}

  static void apply(Sheet sheet, TuneRequest request) {
    double sb = sheet.bytes(SHARED_BUFFERS);
    double wal = Math.max(0, sheet.bytes(WAL_BUFFERS));
    ByteSize need = new ByteSize((long) (sb + wal + MemoryModel.sharedOverhead(sb)));
    Sourced<ByteSize> free = request.resources().hugePagesFree();
    boolean enough = free.value().compareTo(need) >= 0;
    String rule;
    if (enough) {
      rule =
          "try: "
              + free
              + " of huge pages are free, enough for about "
              + need
              + " of shared memory";
    } else if (free.source().equals(IoRules.NOT_PROBED)) {
      rule =
          "off: huge pages were not probed; mapping pages that a hugetlb limit does not grant ends"
              + " in SIGBUS";
    } else {
      rule =
          "off: "
              + free
              + " of huge pages are free, less than the "
              + need
              + " of shared memory; mapping pages that a hugetlb limit does not grant ends in SIGBUS";
    }
    String value = sheet.word(HUGE_PAGES, enough ? "try" : "off", rule);
    if (value.equals("on") && !enough && !free.source().equals(IoRules.NOT_PROBED)) {
      throw Refusals.contradicts(
          "huge_pages=on", "it needs about " + need + " of huge pages and " + free + " are free");
    }
  }
}
