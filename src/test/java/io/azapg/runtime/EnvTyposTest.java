package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTyposTest {
  @Test
  void aNameWithinTwoEditsOfTheContract_isNamedWithTheVariableItProbablyMeans() {
    assertThat(EnvTypos.nearest("POSTGRES_PASWORD")).contains("POSTGRES_PASSWORD");
    assertThat(EnvTypos.nearest("POSTGRES_PASSWROD")).contains("POSTGRES_PASSWORD");
    assertThat(EnvTypos.nearest("POSTGRES_PASSWORD_FIEL")).contains("POSTGRES_PASSWORD_FILE");
    assertThat(EnvTypos.nearest("postgres_db")).contains("POSTGRES_DB");
    assertThat(EnvTypos.nearest("POSTGRES_MEMROY")).contains("POSTGRES_MEMORY");
    assertThat(EnvTypos.nearest("AZA_PG_TUNNE")).contains("AZA_PG_TUNE");
  }

  @Test
  void theContractItself_otherPrograms_andDistantNames_areLeftAlone() {
    assertThat(EnvTypos.nearest("POSTGRES_PASSWORD")).isEmpty();
    assertThat(EnvTypos.nearest("POSTGRES_WORK_MEM_FILE")).isEmpty();
    assertThat(EnvTypos.nearest("PGHOST")).isEmpty();
    assertThat(EnvTypos.nearest("PG_MAJOR")).isEmpty();
    assertThat(EnvTypos.nearest("POSTGRES_VERSION_OF_MY_APP")).isEmpty();
    assertThat(EnvTypos.nearest("PATH")).isEmpty();
  }

  @Test
  void warnings_nameTheVariableNeverItsValue() {
    Env env = new Env(Map.of("POSTGRES_PASWORD", "hunter2", "PATH", "/bin"));
    assertThat(EnvTypos.warnings(env))
        .containsExactly(
            "POSTGRES_PASWORD is set but this image does not read it: did you mean"
                + " POSTGRES_PASSWORD? (its value is ignored)");
  }
}
