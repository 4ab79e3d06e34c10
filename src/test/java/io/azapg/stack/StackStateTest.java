package io.azapg.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.compose.StackKind;
import io.azapg.generate.compose.StackOption;
import io.azapg.generate.compose.StackOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stack last ran with, kept between ups; and how a stopped service's failure is coded. */
class StackStateTest {
  @TempDir Path tmp;

  @Test
  void options_roundTrip_explicitOnly() {
    StackOptions o =
        StackOptions.defaults(StackKind.REPLICA)
            .with(List.of("primary=p1", "port=15433", "pg.work_mem=8MB"));
    StackState.write(tmp, o);
    StackOptions back = StackState.read(tmp).orElseThrow();
    assertThat(back.kind()).isEqualTo(StackKind.REPLICA);
    assertThat(back.explicit()).isEqualTo(o.explicit());
    assertThat(back.get(StackOption.SLOT)).isEqualTo("replica_slot_1");
    assertThat(StackState.read(tmp.resolve("none"))).isEmpty();
  }

  @Test
  void aDamagedFile_isAnErrorNamingIt() throws Exception {
    Files.writeString(tmp.resolve(StackState.FILE), "kind=primary\nport=notaport\n");
    assertThatThrownBy(() -> StackState.read(tmp))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage()).startsWith("cannot read " + tmp.resolve(StackState.FILE));
            });
  }

  @Test
  void stoppedService_exitCode_isTheRuntimesOrReadFromItsMessage() {
    assertThat(StackWait.exitCode(3, List.of())).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(StackWait.exitCode(6, List.of())).isEqualTo(ExitCode.TIMEOUT);
    assertThat(
            StackWait.exitCode(
                0, List.of("aza-pg: error: REPLICATION_SLOT_NAME=\"x\" is not valid: ...")))
        .isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(
            StackWait.exitCode(
                0, List.of("aza-pg: error: ... the primary did not accept connections within 4 s")))
        .isEqualTo(ExitCode.TIMEOUT);
    assertThat(StackWait.exitCode(137, List.of("killed"))).isEqualTo(ExitCode.ENGINE);
  }

  @Test
  void spec_refusesABadProjectName_andKnowsItsServices() {
    assertThatThrownBy(() -> StackSpec.of(StackKind.PRIMARY, "Bad Name", tmp))
        .hasMessageContaining("--name Bad Name is not a Compose project name");
    StackSpec s = StackSpec.of(StackKind.PRIMARY, "p1", tmp);
    assertThat(s.dataVolume()).isEqualTo("p1_data");
    assertThat(s.composeFile()).isEqualTo(tmp.resolve("stacks/p1/compose.yaml"));
    assertThat(s.startOrder().get(0)).containsExactly("postgres");
  }
}
