package io.azapg.tune.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CgroupValueTest {
  @ParameterizedTest(name = "{0} means no limit")
  @ValueSource(
      strings = {
        "max",
        "-1",
        "9223372036854771712",
        "9223372036854775807",
        "18446744073709551615",
        "junk",
        ""
      })
  void limit_noLimitSentinels(String text) {
    assertThat(CgroupValue.limit(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} is a limit")
  @ValueSource(strings = {"536870912", "2147483648 ", "0"})
  void limit_numbers(String text) {
    assertThat(CgroupValue.limit(text)).hasValue(Long.parseLong(text.strip()));
  }
}
