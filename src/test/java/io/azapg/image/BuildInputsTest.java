package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.azapg.engine.ImageDetails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInputsTest {
  private static final List<String> VALUES = List.of("base b@sha256:1", "snapshot s");

  @Test
  void theSameContextTwice_givesTheSameDigest(@TempDir Path a, @TempDir Path b) throws IOException {
    context(a);
    context(b);
    assertThat(BuildInputs.digest(a, VALUES))
        .isEqualTo(BuildInputs.digest(b, VALUES))
        .startsWith("sha256:")
        .hasSize(7 + 64);
  }

  @Test
  void everyKindOfChange_changesTheDigest(@TempDir Path dir) throws IOException {
    context(dir);
    String before = BuildInputs.digest(dir, VALUES);

    Files.writeString(dir.resolve("git/ext/src.c"), "int x = 2;\n");
    String content = BuildInputs.digest(dir, VALUES);
    assertThat(content).isNotEqualTo(before);

    Files.setPosixFilePermissions(
        dir.resolve("git/ext/src.c"), PosixFilePermissions.fromString("rwxr-xr-x"));
    String mode = BuildInputs.digest(dir, VALUES);
    assertThat(mode).isNotEqualTo(content);

    Files.move(dir.resolve("git/ext/src.c"), dir.resolve("git/ext/src2.c"));
    String renamed = BuildInputs.digest(dir, VALUES);
    assertThat(renamed).isNotEqualTo(mode);

    Files.createDirectories(dir.resolve("git/ext/empty"));
    String newDir = BuildInputs.digest(dir, VALUES);
    assertThat(newDir).isNotEqualTo(renamed);

    assertThat(BuildInputs.digest(dir, List.of("base b@sha256:2", "snapshot s")))
        .as("another base digest")
        .isNotEqualTo(newDir);
  }

  @Test
  void contentCannotMoveBetweenFileAndName(@TempDir Path a, @TempDir Path b) throws IOException {
    // "ab" + "" and "a" + "b" must not hash alike: every field is length-prefixed.
    Files.writeString(a.resolve("x"), "ab");
    Files.writeString(a.resolve("y"), "");
    Files.writeString(b.resolve("x"), "a");
    Files.writeString(b.resolve("y"), "b");
    assertThat(BuildInputs.digest(a, List.of())).isNotEqualTo(BuildInputs.digest(b, List.of()));
  }

  @Test
  void upToDate_onlyForAnImageWithTheSameDigest_andNeverWithNoCache() {
    String digest = "sha256:" + "a".repeat(64);
    ImageDetails same = image(Map.of(BuildInputs.LABEL, digest));
    ImageDetails other = image(Map.of(BuildInputs.LABEL, "sha256:" + "b".repeat(64)));
    ImageDetails unlabelled = image(Map.of());

    assertThat(BuildInputs.upToDate(Optional.of(same), digest, false)).isTrue();
    assertThat(BuildInputs.upToDate(Optional.of(same), digest, true)).as("--no-cache").isFalse();
    assertThat(BuildInputs.upToDate(Optional.of(other), digest, false)).isFalse();
    assertThat(BuildInputs.upToDate(Optional.of(unlabelled), digest, false)).isFalse();
    assertThat(BuildInputs.upToDate(Optional.empty(), digest, false)).isFalse();
  }

  private static void context(Path dir) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM x\nLABEL v=\"${VERSION}\"\n");
    Files.createDirectories(dir.resolve("git/ext"));
    Files.writeString(dir.resolve("git/ext/src.c"), "int x = 1;\n");
    Files.setPosixFilePermissions(
        dir.resolve("git/ext/src.c"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.write(dir.resolve("aza-pg.jar"), new byte[] {1, 2, 3});
  }

  private static ImageDetails image(Map<String, String> labels) {
    return new ImageDetails("id1", List.of("t"), labels, 1, JsonNodeFactory.instance.objectNode());
  }
}
