package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaggingTest {
  @Test
  void dirtyTree_refusesTheVersionTag_unlessAllowed() {
    assertThatThrownBy(() -> Tagging.requireCommitted("abc123-dirty", false, "18.6-x-single-node"))
        .hasMessageContaining("refusing to push the immutable tag 18.6-x-single-node")
        .hasMessageContaining("uncommitted changes");
    assertThatCode(() -> Tagging.requireCommitted("abc123-dirty", true, "t"))
        .doesNotThrowAnyException();
    assertThatCode(() -> Tagging.requireCommitted("abc123", false, "t")).doesNotThrowAnyException();
  }
}
