package io.azapg.tune.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CpuListTest {
  @ParameterizedTest(name = "''{0}'' has {1} CPUs")
  @CsvSource(
      delimiter = '|',
      value = {"0|1", "0-3|4", "0,2-3|3", "0-3,8,10-11|7", " 0-1 |2"})
  void count_countsRangesAndSingles(String list, int count) {
    assertThat(CpuList.count(list)).hasValue(count);
  }

  @ParameterizedTest(name = "''{0}'' is no CPU list")
  @ValueSource(strings = {"", "a", "3-1", "0-1-2", "1,,2"})
  void count_rejectsMalformedLists(String list) {
    assertThat(CpuList.count(list)).isEmpty();
  }
}
