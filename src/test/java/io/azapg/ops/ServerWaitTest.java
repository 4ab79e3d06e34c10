package io.azapg.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerWaitTest {
  @Test
  void succeedsOnlyOnceAnAttemptSucceeds() {
    List<String> answers = new ArrayList<>(List.of("refused", "starting up"));
    List<Duration> pauses = new ArrayList<>();
    ServerWait wait =
        new ServerWait(
            limit -> answers.isEmpty() ? Optional.empty() : Optional.of(answers.remove(0)),
            pauses::add,
            Reporter.silent());
    wait.until("db", Duration.ofSeconds(30), Duration.ofMillis(1));
    assertThat(answers).isEmpty();
    assertThat(pauses).hasSize(2);
  }

  @Test
  void theTimeoutIsAFailureCarryingTheLastError() {
    int[] attempts = {0};
    ServerWait wait =
        ServerWait.of(
            limit -> Optional.of("connection refused #" + ++attempts[0]), Reporter.silent());
    assertThatThrownBy(
            () -> wait.until("postgres@h:1/db", Duration.ofMillis(300), Duration.ofMillis(50)))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.TIMEOUT);
              assertThat(e.getMessage())
                  .contains("postgres@h:1/db")
                  .contains("connection refused #" + attempts[0]);
            });
    assertThat(attempts[0]).isGreaterThan(1);
  }

  @Test
  void aZeroTimeoutStillMakesOneAttempt() {
    int[] attempts = {0};
    ServerWait wait =
        ServerWait.of(
            limit -> {
              attempts[0]++;
              return Optional.empty();
            },
            Reporter.silent());
    wait.until("db", Duration.ZERO, Duration.ofSeconds(1));
    assertThat(attempts[0]).isEqualTo(1);
  }
}
