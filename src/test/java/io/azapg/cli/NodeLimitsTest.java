package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLimitsTest {
  private static final long GIB = 1L << 30;
  private static final HostCapacity HOST = new HostCapacity(OptionalLong.of(8 * GIB), 4);

  @Test
  void whatTheMachineCanGive_passes() {
    assertThatCode(() -> NodeLimits.check(GIB, 1, 5432, "app", HOST)).doesNotThrowAnyException();
    assertThatCode(() -> NodeLimits.check(8 * GIB, 4, 1, "d".repeat(63), HOST))
        .doesNotThrowAnyException();
  }

  @Test
  void eachImpossibleValue_isRefusedNamingItsOption() {
    refused(256L << 20, 1, 5432, "app", "--memory 256 MiB is below the 512 MiB");
    refused(9 * GIB, 1, 5432, "app", "is more than this machine has (8 GiB)");
    refused(GIB, 0, 5432, "app", "--cpus 0 is not a CPU limit");
    refused(GIB, Double.NaN, 5432, "app", "--cpus NaN is not a CPU limit");
    refused(GIB, 5, 5432, "app", "--cpus 5 is more than this machine's 4 CPUs");
    refused(GIB, 1, 0, "app", "--port 0 is not a TCP port");
    refused(GIB, 1, 65536, "app", "--port 65536 is not a TCP port");
    refused(GIB, 1, 5432, "", "--database \"\" is not a database name");
    refused(GIB, 1, 5432, "a\tb", "--database \"a\\x09b\" is not a database name");
    refused(GIB, 1, 5432, "é".repeat(32), "1 to 63 bytes");
  }

  @Test
  void anUnknownMachineMemory_isNotCheckedAgainst() {
    HostCapacity unknown = new HostCapacity(OptionalLong.empty(), 2);
    assertThatCode(() -> NodeLimits.check(1024 * GIB, 1, 5432, "app", unknown))
        .doesNotThrowAnyException();
  }

  @Test
  void memTotal_isReadInBytes(@TempDir Path tmp) throws Exception {
    Path meminfo =
        Files.writeString(tmp.resolve("meminfo"), "MemTotal:       2048 kB\nMemFree: 1 kB\n");
    org.assertj.core.api.Assertions.assertThat(HostCapacity.memTotal(meminfo))
        .hasValue(2048L * 1024);
    org.assertj.core.api.Assertions.assertThat(HostCapacity.memTotal(tmp.resolve("none")))
        .isEmpty();
  }

  private static void refused(long memory, double cpus, int port, String db, String message) {
    assertThatThrownBy(() -> NodeLimits.check(memory, cpus, port, db, HOST))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining(message);
  }
}
