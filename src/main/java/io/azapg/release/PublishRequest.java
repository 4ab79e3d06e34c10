package io.azapg.release;

import io.azapg.image.GitMirror;
import io.azapg.image.ImageProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code release publish} does.
 *
 * @param projectRoot the project tree
 * @param profile the package profile
 * @param localRepository where the platform images are built locally, e.g. {@code localhost/aza-pg}
 * @param target the registry repository to publish to
 * @param jar the CLI jar that goes into the image
 * @param platforms the platforms to publish; empty means every platform that has a lock
 * @param allowDirty publish a build of uncommitted changes under the version tag
 * @param baseImage the base image of a platform ({@code linux/arm64} → its name), made to exist
 *     when first asked for; the builds use it by digest
 * @param snapshotUrl the snapshot service for pinned versions the mirror no longer has
 * @param gitMirror the local git mirror git-sourced entries are cloned from; empty means upstream
 */
public record PublishRequest(
    Path projectRoot,
    ImageProfile profile,
    String localRepository,
    RepositoryName target,
    Path jar,
    List<String> platforms,
    boolean allowDirty,
    java.util.function.UnaryOperator<String> baseImage,
    String snapshotUrl,
    Optional<GitMirror> gitMirror) {

  public PublishRequest {
    platforms = List.copyOf(platforms);
  }
}
