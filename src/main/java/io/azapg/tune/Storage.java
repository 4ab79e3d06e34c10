package io.azapg.tune;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;
import java.util.Locale;

/** The kind of device under the data directory, which sets the planner's I/O costs. */
public enum Storage {
  SSD(1.1, 200),
  NVME(1.1, 1000),
  HDD(4.0, 2),
  SAN(1.1, 300);

  private final double randomPageCost;
  private final int ioConcurrency;

  Storage(double randomPageCost, int ioConcurrency) {
    this.randomPageCost = randomPageCost;
    this.ioConcurrency = ioConcurrency;
  }

  /** Parses {@code ssd|nvme|hdd|san} in any case, naming the bad value and its source. */
  public static Storage parse(String text, String source) {
    for (Storage s : values()) {
      if (s.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new AzaPgException(
        ExitCode.INVALID_INPUT,
        source + " '" + text + "' is not a storage type",
        List.of("use one of ssd, nvme, hdd, san"));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  double randomPageCost() {
    return randomPageCost;
  }

  int ioConcurrency() {
    return ioConcurrency;
  }
}
