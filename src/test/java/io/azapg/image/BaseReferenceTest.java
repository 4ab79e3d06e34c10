package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.EngineKind;
import io.azapg.engine.FakeEngine;
import io.azapg.engine.RecordingReporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseReferenceTest {
  private static final String DIGEST =
      "sha256:5286065c68c17ec764e9dab0a77cf25b72f840fe6ca3aaf58c7cdc6b2ff682fa";

  @TempDir Path tmp;

  private ContainerEngine engine(String kind, String inspectJson) {
    FakeEngine fake = new FakeEngine(tmp, kind);
    fake.respond("image_inspect", 0, inspectJson, "");
    return fake.engine(
        EngineKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), new RecordingReporter());
  }

  @Test
  void podman_pinsTheRecordedDigestOfTheBasesRepository() {
    String json =
        "[{\"Id\":\"bd3ff808\",\"Digest\":\""
            + DIGEST
            + "\",\"RepoDigests\":[\"localhost/other@sha256:00\",\"localhost/aza-pg-base@"
            + DIGEST
            + "\"],\"RepoTags\":[\"localhost/aza-pg-base:forky\"]}]";

    BaseReference base =
        BaseReference.resolve(engine("podman", json), "localhost/aza-pg-base:forky");

    assertThat(base.pinned()).isEqualTo("localhost/aza-pg-base@" + DIGEST);
    assertThat(base.digest()).isEqualTo(DIGEST);
    assertThat(base.name()).isEqualTo("localhost/aza-pg-base:forky");
  }

  @Test
  void docker_withoutARecordedDigest_usesTheImageId() {
    String json =
        "[{\"Id\":\"sha256:abc123\",\"RepoDigests\":[],\"RepoTags\":[\"localhost/aza-pg-base:forky\"]}]";

    BaseReference base =
        BaseReference.resolve(engine("docker", json), "localhost/aza-pg-base:forky");

    assertThat(base.pinned()).isEqualTo("sha256:abc123");
    assertThat(base.digest()).isEqualTo("sha256:abc123");
  }

  @Test
  void missingBase_isAnEngineErrorSayingHowToCreateIt() {
    FakeEngine fake = new FakeEngine(tmp, "podman");
    fake.respond("image_inspect", 125, "[]", "Error: no such image\n");

    assertThatThrownBy(
            () ->
                BaseReference.resolve(
                    fake.engine(EngineKind.PODMAN, new RecordingReporter()), "localhost/x:forky"))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage()).contains("localhost/x:forky does not exist");
            });
  }

  @Test
  void repository_dropsTheTagButNotARegistryPort() {
    assertThat(BaseReference.repository("localhost/aza-pg-base:forky"))
        .isEqualTo("localhost/aza-pg-base");
    assertThat(BaseReference.repository("registry:5000/team/base:forky"))
        .isEqualTo("registry:5000/team/base");
    assertThat(BaseReference.repository("registry:5000/team/base"))
        .isEqualTo("registry:5000/team/base");
  }
}
