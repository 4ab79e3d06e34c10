package io.azapg.tune.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.tune.Golden;
import io.azapg.tune.WorstCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/TUNING.md's tables are generated: each sits between {@code <!-- generated:NAME -->} and
 * {@code <!-- /generated:NAME -->}, and this test fails when one differs from what the code
 * produces ({@code -Dgolden.update=true} rewrites them).
 */
class TuningDocTest {
  static final Path DOC = Path.of("docs/TUNING.md");

  @Test
  void tables_matchTheCode() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String updated = doc;
    for (Map.Entry<String, String> section : TuningTables.all().entrySet()) {
      Pattern marker =
          Pattern.compile(
              "(<!-- generated:"
                  + section.getKey()
                  + " -->\n)(.*?)(<!-- /generated:"
                  + section.getKey()
                  + " -->)",
              Pattern.DOTALL);
      Matcher m = marker.matcher(updated);
      assertThat(m.find()).as("docs/TUNING.md has no section '%s'", section.getKey()).isTrue();
      updated = updated.substring(0, m.start(2)) + section.getValue() + updated.substring(m.end(2));
    }
    Golden.assertMatches(DOC, updated, TuningDocTest.class);
  }

  @Test
  void ourWorstCase_fitsInEveryRow() {
    for (Row row : TuningTables.ROWS) {
      assertThat(row.tune().worstCase().fits()).as(row.label()).isTrue();
      assertThat(row.tunePooled().worstCase().fits()).as(row.label()).isTrue();
    }
  }

  @Test
  void pgtune_doesNotFitSmallContainers() {
    for (long mb : new long[] {512, 1024, 2048}) {
      Row row = new Row(mb, 2);
      assertThat(WorstCase.of(Pgtune.mixed(mb, 2).plan(), row.limit()).fits())
          .as("pgtune at %d MB", mb)
          .isFalse();
    }
  }
}
