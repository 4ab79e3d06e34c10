package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
  @Test
  void split_quotesAndEscapes_likeAShell() {
    assertThat(ShellWords.split("  -a  'b c' \"d \\\"e\\\"\" f\\ g h'i'j "))
        .contains(List.of("-a", "b c", "d \"e\"", "f g", "hij"));
  }

  @Test
  void split_expandsNothing() {
    assertThat(ShellWords.split("--locale=$LANG `id` $(id) *"))
        .contains(List.of("--locale=$LANG", "`id`", "$(id)", "*"));
  }

  @Test
  void split_emptyQuotesAreAnEmptyWord() {
    assertThat(ShellWords.split("a '' b")).contains(List.of("a", "", "b"));
  }

  @Test
  void split_unclosedQuoteOrLoneBackslash_isEmpty() {
    assertThat(ShellWords.split("'abc")).isEmpty();
    assertThat(ShellWords.split("\"abc")).isEmpty();
    assertThat(ShellWords.split("abc\\")).isEmpty();
  }

  @Test
  void quote_roundTripsThroughSplit() {
    for (String word : List.of("plain", "", "with space", "it's", "listen_addresses=", "$x")) {
      assertThat(ShellWords.split(ShellWords.quote(word))).contains(List.of(word));
    }
    assertThat(ShellWords.quote("listen_addresses=")).isEqualTo("listen_addresses=");
  }
}
