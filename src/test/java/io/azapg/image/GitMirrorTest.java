package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitMirrorTest {
  @TempDir Path dir;

  @Test
  void optionWinsOverEnvironment_andRewritesHttpsIntoTheMirror() {
    GitMirror m = GitMirror.of(dir, Map.of(GitMirror.ENV, "/nowhere")).orElseThrow();
    assertThat(m.gitEnvironment())
        .containsEntry("GIT_CONFIG_COUNT", "1")
        .containsEntry("GIT_CONFIG_KEY_0", "url.file://" + dir + "/.insteadOf")
        .containsEntry("GIT_CONFIG_VALUE_0", "https://");
    assertThat(m.locate("https://github.com/pgmq/pgmq.git"))
        .isEqualTo(dir + "/github.com/pgmq/pgmq.git");
  }

  @Test
  void environmentNamesTheMirror_noneMeansUpstream() {
    assertThat(GitMirror.of(null, Map.of(GitMirror.ENV, dir.toString()))).isPresent();
    assertThat(GitMirror.of(null, Map.of())).isEmpty();
  }

  @Test
  void missingDirectory_isRefusedNamingWhereItCameFrom() {
    assertThatThrownBy(() -> GitMirror.of(null, Map.of(GitMirror.ENV, "/no/such/mirror")))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("/no/such/mirror")
        .hasMessageContaining(GitMirror.ENV);
  }
}
