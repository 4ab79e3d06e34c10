package io.azapg.image;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ImageDetails;
import java.util.List;

/**
 * The base image as the build's {@code FROM} names it: by digest, so the image is built from
 * exactly the base that was inspected, whatever the tag points at later.
 *
 * @param name the base's name as given, e.g. {@code localhost/aza-pg-base:forky}
 * @param pinned what {@code FROM} uses: {@code repo@sha256:...}, or the image id where the engine
 *     records no digest for a local image (docker, for an image never pushed or pulled: its id is
 *     the digest of its configuration)
 * @param digest the {@code sha256:...} part, for the image's labels
 */
public record BaseReference(String name, String pinned, String digest) {

  /** Resolves the base's digest; fails when the base does not exist. */
  public static BaseReference resolve(ContainerEngine engine, String name) {
    ImageDetails base =
        engine
            .inspectImage(name)
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.ENGINE,
                        "the base image " + name + " does not exist",
                        List.of("create it with './aza-pg base'")));
    String pinned = base.digestReference(repository(name)).orElse(base.id());
    String digest = pinned.substring(pinned.lastIndexOf('@') + 1);
    return new BaseReference(
        name, pinned, digest.startsWith("sha256:") ? digest : "sha256:" + digest);
  }

  /** {@code host:5000/a/b:tag} → {@code host:5000/a/b}; a name without a tag is returned as is. */
  static String repository(String name) {
    int at = name.indexOf('@');
    String bare = at < 0 ? name : name.substring(0, at);
    int colon = bare.lastIndexOf(':');
    return colon > bare.lastIndexOf('/') ? bare.substring(0, colon) : bare;
  }
}
