package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageTagsTest {
  private static final Instant COMMIT = Instant.parse("2026-11-24T10:30:59Z");

  @Test
  void all_followsTheReleaseScheme() {
    assertThat(ImageTags.all("localhost/aza-pg", "18.6", COMMIT, List.of()))
        .containsExactly(
            "localhost/aza-pg:18.6-202611241030-single-node",
            "localhost/aza-pg:18.6-single-node",
            "localhost/aza-pg:18-single-node",
            "localhost/aza-pg:18.6",
            "localhost/aza-pg:18");
  }

  @Test
  void all_appendsExtraTagsOnce() {
    assertThat(ImageTags.all("localhost/aza-pg", "18.6", COMMIT, List.of("latest", "18")))
        .endsWith("localhost/aza-pg:18", "localhost/aza-pg:latest")
        .hasSize(6);
  }

  @Test
  void invalidTag_andRepository_areRefusedNamingThem() {
    assertThatThrownBy(() -> ImageTags.all("localhost/aza-pg", "18.6", COMMIT, List.of("bad tag")))
        .hasMessageStartingWith("invalid tag \"bad tag\"");
    assertThatThrownBy(() -> ImageTags.all("Localhost/AZA", "18.6", COMMIT, List.of()))
        .hasMessageStartingWith("invalid image repository \"Localhost/AZA\"");
  }
}
