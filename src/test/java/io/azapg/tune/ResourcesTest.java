package io.azapg.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcesTest {
  @ParameterizedTest(name = "''{0}'' is {1} CPUs")
  @CsvSource({"1, 1", "2, 2", "1.5, 2", "0.1, 1", "2.01, 3", "128, 128", "4096, 4096"})
  void parseCpus_roundsFractionsUp(String text, int cpus) {
    assertThat(Resources.parseCpus(text, "--cpus")).isEqualTo(cpus);
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(strings = {"0", "0.0", "-1", "two", "", "1,5", "4097", "2 cpus", "1e2"})
  void parseCpus_refusesAndNamesTheValue(String text) {
    assertThatThrownBy(() -> Resources.parseCpus(text, "POSTGRES_CPUS"))
        .isInstanceOf(AzaPgException.class)
        .hasMessage("POSTGRES_CPUS '" + text + "' is not a CPU count");
  }
}
