package io.azapg.engine.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DpkgPathFilterTest {
  private final DpkgPathFilter filter = DpkgPathFilter.standard();

  @Test
  void docsManualsAndTranslationsAreExcluded() {
    assertThat(filter.excludes("/usr/share/doc/bash/changelog.gz")).isTrue();
    assertThat(filter.excludes("/usr/share/man/man1/ls.1.gz")).isTrue();
    assertThat(filter.excludes("/usr/share/info/grep.info.gz")).isTrue();
    assertThat(filter.excludes("/usr/share/locale/de/LC_MESSAGES/apt.mo")).isTrue();
    assertThat(filter.excludes("/usr/share/i18n/locales/de_DE")).isTrue();
  }

  @Test
  void copyrightsAndWhatEnUsNeedsStay() {
    assertThat(filter.excludes("/usr/share/doc/bash/copyright")).isFalse();
    assertThat(filter.excludes("/usr/share/locale/locale.alias")).isFalse();
    assertThat(filter.excludes("/usr/share/locale/en_US/LC_MESSAGES/x.mo")).isFalse();
    assertThat(filter.excludes("/usr/share/i18n/locales/en_US")).isFalse();
    assertThat(filter.excludes("/usr/share/i18n/locales/iso14651_t1_common")).isFalse();
    assertThat(filter.excludes("/usr/share/i18n/locales/translit_combining")).isFalse();
    assertThat(filter.excludes("/usr/lib/locale/C.utf8/LC_CTYPE")).isFalse();
    assertThat(filter.excludes("/usr/bin/bash")).isFalse();
  }

  @Test
  void configFile_holdsEveryRuleInOrder() {
    assertThat(DpkgPathFilter.configFile())
        .contains("path-exclude=/usr/share/doc/*\npath-include=/usr/share/doc/*/copyright\n");
  }
}
