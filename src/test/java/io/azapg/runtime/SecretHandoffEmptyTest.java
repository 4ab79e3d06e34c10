package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** An empty secret (an empty *_FILE) crosses the pipe as an empty value, not a malformed line. */
class SecretHandoffEmptyTest {
  @Test
  void anEmptyValue_roundTrips() {
    assertThat(SecretHandoff.decode(SecretHandoff.encode(Map.of("POSTGRES_PASSWORD", ""))))
        .containsEntry("POSTGRES_PASSWORD", "");
  }
}
