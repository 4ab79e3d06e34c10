package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelStampTest {
  private static final Map<String, String> STAMP =
      Map.of(
          "VERSION", "18.6-202612070343-single-node",
          "REVISION", "1e3dd3a0000000000000000000000000000000ff-dirty",
          "CREATED", "2026-12-07T03:43:00Z",
          "BASE_NAME", "localhost/aza-pg-base:forky",
          "BASE_DIGEST", "sha256:6cad25fee70facf854d6d9e513f47809bef020a6a5e165583ea0fe700ad595ba");

  @Test
  void theGeneratedDockerfile_getsEveryValueAsLiteralLabelText(@TempDir Path dir)
      throws IOException {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.copy(Path.of("image/Dockerfile"), dockerfile);
    LabelStamp.apply(dockerfile, STAMP);
    String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("org.opencontainers.image.version=\"18.6-202612070343-single-node\"")
        .contains("org.opencontainers.image.revision=\"" + STAMP.get("REVISION") + "\"")
        .contains("org.opencontainers.image.created=\"2026-12-07T03:43:00Z\"")
        .contains("org.opencontainers.image.base.name=\"localhost/aza-pg-base:forky\"")
        .contains("org.opencontainers.image.base.digest=\"" + STAMP.get("BASE_DIGEST") + "\"")
        .doesNotContain("\"${VERSION}\"", "\"${REVISION}\"", "\"${CREATED}\"")
        .doesNotContain("\"${BASE_NAME}\"", "\"${BASE_DIGEST}\"");
    // The stages above the labels are untouched, so their cached layers stay valid.
    String original = Files.readString(Path.of("image/Dockerfile"), StandardCharsets.UTF_8);
    String head = original.substring(0, original.indexOf("LABEL org.opencontainers"));
    assertThat(text).startsWith(head);
  }

  @Test
  void twoCommits_giveDifferentLabelSteps_theSameCommitTheSameOne() {
    String template = "LABEL a=\"${VERSION}\" b=\"${REVISION}\"\n";
    Map<String, String> first = Map.of("VERSION", "v1", "REVISION", "aaa");
    Map<String, String> second = Map.of("VERSION", "v2", "REVISION", "bbb");
    assertThat(LabelStamp.stamp(template, first)).isEqualTo(LabelStamp.stamp(template, first));
    assertThat(LabelStamp.stamp(template, first)).isNotEqualTo(LabelStamp.stamp(template, second));
  }

  @Test
  void quotesBackslashesAndDollars_areEscaped() {
    assertThat(LabelStamp.quoted("a\"b\\c$d")).isEqualTo("\"a\\\"b\\\\c\\$d\"");
  }

  @Test
  void aLineBreak_isRefusedNamingTheValue() {
    assertThatThrownBy(() -> LabelStamp.quoted("registry.example/x\nRUN id"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("line break")
        .hasMessageContaining("registry.example/x");
  }

  @Test
  void aDockerfileWithoutThePlaceholder_isAnInternalError() {
    assertThatThrownBy(() -> LabelStamp.stamp("LABEL a=\"fixed\"\n", Map.of("VERSION", "v1")))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("\"${VERSION}\"");
  }
}
