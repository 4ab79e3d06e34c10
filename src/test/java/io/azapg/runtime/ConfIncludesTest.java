package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfIncludesTest {
  private static final String INITDB =
      "# PostgreSQL configuration file\n"
          + "#listen_addresses = 'localhost'\n"
          + "max_connections = 100\t\t\t# (change requires restart)\n"
          + "shared_buffers = 128MB\t\t\t# min 128kB\n"
          + "dynamic_shared_memory_type = posix\n"
          + "max_wal_size = 1GB\n"
          + "min_wal_size = 80MB\n"
          + "log_timezone = 'Etc/UTC'\n"
          + "#include_dir = '...'\n";

  @Test
  void withIncludes_tuningFirst_confDirLast() {
    String out = ConfIncludes.withIncludes(INITDB);
    assertThat(out).startsWith(ConfIncludes.TOP);
    assertThat(out).endsWith("include_dir = 'conf.d'\n");
    assertThat(out.indexOf("include_if_exists = 'aza-pg.tuning.conf'"))
        .isLessThan(out.indexOf("max_connections"));
    assertThat(out.indexOf("max_connections")).isLessThan(out.indexOf("include_dir = 'conf.d'"));
  }

  @Test
  void withIncludes_isIdempotent() {
    String once = ConfIncludes.withIncludes(INITDB);
    assertThat(ConfIncludes.withIncludes(once)).isEqualTo(once);
  }

  @Test
  void withIncludes_addsOnlyWhatIsMissing() {
    String onlyDir = INITDB + "include_dir 'conf.d/'\n";
    String out = ConfIncludes.withIncludes(onlyDir);
    assertThat(out).startsWith(ConfIncludes.TOP);
    assertThat(out.split("include_dir", -1)).hasSize(3); // the commented one and the user's
  }

  @Test
  void withIncludes_commentedOutLineDoesNotCount() {
    String commented = "#include_if_exists = 'aza-pg.tuning.conf'\n";
    assertThat(ConfIncludes.hasTuningInclude(commented)).isFalse();
    assertThat(ConfIncludes.withIncludes(commented)).startsWith(ConfIncludes.TOP);
  }

  @Test
  void withIncludes_fileWithoutTrailingNewline() {
    assertThat(ConfIncludes.withIncludes("port = 5432")).contains("port = 5432\n\n# aza-pg");
  }

  @Test
  void commentOut_onlyActiveLinesOfTheGivenNames() {
    String out =
        ConfIncludes.commentOut(
            INITDB, Set.of("max_connections", "shared_buffers", "listen_addresses"));
    assertThat(out)
        .contains(
            "#max_connections = 100\t\t\t# (change requires restart)\t# aza-pg: set in aza-pg.tuning.conf")
        .contains("#shared_buffers = 128MB")
        .contains("\n#listen_addresses = 'localhost'\n")
        .contains("\nmax_wal_size = 1GB\n")
        .contains("\ndynamic_shared_memory_type = posix\n");
    assertThat(ConfIncludes.commentOut(out, Set.of("max_connections"))).isEqualTo(out);
  }

  @Test
  void activeSettings_listsNamesNotIncludes() {
    assertThat(ConfIncludes.activeSettings(ConfIncludes.withIncludes(INITDB)))
        .containsExactly(
            "max_connections",
            "shared_buffers",
            "dynamic_shared_memory_type",
            "max_wal_size",
            "min_wal_size",
            "log_timezone");
  }
}
