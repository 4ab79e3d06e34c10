package io.azapg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void closest_findsTypoButNotUnrelatedNames() {
    List<String> known = List.of("postgis", "postgis_topology", "vector");
    assertThat(Suggestions.closest("postgis_topologyy", known)).contains("postgis_topology");
    assertThat(Suggestions.closest("vectr", known)).contains("vector");
    assertThat(Suggestions.closest("timescaledb", known)).isEmpty();
  }

  @Test
  void distance_isLevenshtein() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
  }
}
