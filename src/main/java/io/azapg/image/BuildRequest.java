package io.azapg.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to build.
 *
 * @param projectRoot the project tree (image/files, the lock file)
 * @param profile the package profile
 * @param repository the image repository, e.g. {@code localhost/aza-pg}
 * @param extraTags tags added to the release scheme's
 * @param jar the CLI jar that goes into the image
 * @param noCache build every layer again
 * @param platform a target platform such as {@code linux/arm64}; empty means the host's
 * @param baseImage the base image's name, e.g. {@code localhost/aza-pg-base:forky} (the build uses
 *     it by digest)
 * @param snapshotUrl the snapshot service pinned versions are fetched from when the mirror no
 *     longer has them, e.g. {@code http://snapshot.debian.org}
 * @param gitMirror the local git mirror git-sourced entries are cloned from; empty means upstream
 * @param jobs how many independent stages are built at once (1: one after another)
 */
public record BuildRequest(
    Path projectRoot,
    ImageProfile profile,
    String repository,
    List<String> extraTags,
    Path jar,
    boolean noCache,
    Optional<String> platform,
    String baseImage,
    String snapshotUrl,
    Optional<GitMirror> gitMirror,
    int jobs) {

  public BuildRequest {
    extraTags = List.copyOf(extraTags);
  }
}
