package io.azapg.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a physical backup reads back from pgBackRest, and how its input is checked. */
class PhysicalBackupTest {
  @Test
  void latest_isTheLastBackupOfTheStanza() {
    String json =
        """
        [{"name":"other","backup":[{"label":"X","type":"full"}]},
         {"name":"aza-pg","backup":[
           {"label":"20261207-050000F","type":"full","info":{"size":100,"repository":{"delta":10}}},
           {"label":"20261207-050000F_20261207-051000I","type":"incr",
            "info":{"size":120,"repository":{"delta":3}}}]}]
        """;
    PhysicalBackup.Result r = PhysicalBackup.latest(json, "aza-pg", Duration.ofSeconds(2));
    assertThat(r.label()).isEqualTo("20261207-050000F_20261207-051000I");
    assertThat(r.type()).isEqualTo("incr");
    assertThat(r.bytes()).isEqualTo(120);
    assertThat(r.repoBytes()).isEqualTo(3);
  }

  @Test
  void noBackupListed_isAnError() {
    assertThatThrownBy(
            () ->
                PhysicalBackup.latest(
                    "[{\"name\":\"aza-pg\",\"backup\":[]}]", "aza-pg", Duration.ZERO))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("lists no backup of stanza aza-pg");
  }

  @Test
  void type_isFullIncrOrDiff() {
    assertThat(PhysicalBackup.Type.parse("INCR")).isEqualTo(PhysicalBackup.Type.INCR);
    assertThatThrownBy(() -> PhysicalBackup.Type.parse("weekly"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("--type weekly is not a physical backup type");
  }

  @Test
  void lastError_picksPgBackRestsErrorLine() {
    assertThat(
            PhysicalBackup.lastError(
                "P00   INFO: backup command begin\nP00  ERROR: [055]: unable to load info file\n"))
        .isEqualTo("P00  ERROR: [055]: unable to load info file");
  }
}
