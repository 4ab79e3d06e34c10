package io.azapg.release;

/**
 * One platform's image in a registry, addressed by its manifest digest.
 *
 * @param repository where it is
 * @param digest the manifest digest
 * @param manifest the manifest as stored
 * @param platform {@code os/arch}, from the image config
 * @param configDigest the config blob's digest (the local image id)
 * @param compressedBytes the manifest, config and layers as stored
 */
public record PushedImage(
    RepositoryName repository,
    String digest,
    Manifest manifest,
    String platform,
    String configDigest,
    long compressedBytes) {

  /** {@code host/path@sha256:...}. */
  public String reference() {
    return repository.withDigest(digest);
  }
}
