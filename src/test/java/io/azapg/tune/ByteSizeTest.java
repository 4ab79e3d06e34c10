package io.azapg.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
  @ParameterizedTest(name = "''{0}'' is {1} bytes")
  @CsvSource(
      delimiter = '|',
      value = {
        "512MB|536870912",
        "2GB|2147483648",
        "2048MB|2147483648",
        "1.5GiB|1610612736",
        "2048|2147483648",
        "512|536870912",
        "0.5|524288",
        "512m|536870912",
        "2g|2147483648",
        "2G|2147483648",
        "1.5gb|1610612736",
        "2048MiB|2147483648",
        "1048576kB|1073741824",
        "1048576KiB|1073741824",
        "1048576k|1073741824",
        "1TB|1099511627776",
        "1TiB|1099511627776",
        "1t|1099511627776",
        "536870912B|536870912",
        "1 GB|1073741824",
        " 2GB |2147483648"
      })
  void parse_acceptsEveryDocumentedForm(String text, long bytes) {
    assertThat(ByteSize.parse(text, "--memory").bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(
      strings = {
        "2gigs", "", " ", "GB", "-1GB", "-512", "1,5GB", "0x10", "2GBs", "1e3", "two", "2PB",
        "1.5.2GB", "2 G B", ".5GB", "5.GB", "2GB RAM", "1024PB", "2048TB"
      })
  void parse_refusesAnythingElseAndNamesTheValue(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text, "POSTGRES_MEMORY"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageStartingWith("POSTGRES_MEMORY '" + text + "' is ")
        .satisfies(
            e -> assertThat(((AzaPgException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
  }

  @Test
  void parse_hintsAtTheAcceptedForms() {
    assertThatThrownBy(() -> ByteSize.parse("2gigs", "--memory"))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e ->
                assertThat(e.hints())
                    .containsExactly(
                        "write a number with a unit: 512MB, 2GB, 2048MB or 1.5GiB (a bare number is MB)"));
  }

  @ParameterizedTest(name = "{0} bytes is {1} in postgresql.conf")
  @CsvSource({
    "134217728, 128MB",
    "2147483648, 2GB",
    "1610612736, 1536MB",
    "1572864, 1536kB",
    "1099511627776, 1TB",
    "65536, 64kB",
    "66000, 64kB"
  })
  void pg_usesTheLargestExactUnit(long bytes, String pg) {
    assertThat(new ByteSize(bytes).pg()).isEqualTo(pg);
  }

  @ParameterizedTest(name = "{0} bytes reads {1}")
  @CsvSource({
    "2147483648, 2 GiB",
    "536870912, 512 MiB",
    "2126008811, 1.98 GiB",
    "8912896, 8.5 MiB",
    "8391753728, 7.82 GiB",
    "1610612736, 1.50 GiB",
    "0, 0 MiB"
  })
  void toString_isForPeople(long bytes, String text) {
    assertThat(new ByteSize(bytes)).hasToString(text);
  }

  @Test
  void constructor_refusesNegativeSizes() {
    assertThatThrownBy(() -> new ByteSize(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
