package io.azapg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTextTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "SELECT 1;",
        "SELECT 1;  \n",
        "SELECT 'a;b'",
        "SELECT 'it''s; fine'",
        "SELECT \"odd;name\" FROM t",
        "SELECT x FROM dblink('c', $q$SELECT 1; SELECT 2$q$) AS t(x int)",
        "SELECT $$a;b$$",
        "SELECT 1 -- a; comment\n",
        "SELECT 1 /* a; b */"
      })
  void oneStatement(String sql) {
    assertThat(SqlText.hasSeveralStatements(sql)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1; SELECT 2",
        "SELECT 'a'; SELECT 'b'",
        "SELECT $q$x$q$; SELECT 2",
        "SELECT 1 /* c */; DROP TABLE t"
      })
  void severalStatements(String sql) {
    assertThat(SqlText.hasSeveralStatements(sql)).isTrue();
  }
}
