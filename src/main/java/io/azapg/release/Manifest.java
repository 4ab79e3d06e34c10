package io.azapg.release;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A manifest exactly as a registry stores it: the bytes are what the digest is computed over, so
 * they are never re-serialised.
 *
 * @param mediaType its media type, e.g. {@code application/vnd.oci.image.index.v1+json}
 * @param bytes its content
 */
public record Manifest(String mediaType, byte[] bytes) {
  /** Docker's single-image manifest (what podman builds with {@code --format docker}). */
  public static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker's manifest list. */
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  public Manifest {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code sha256:<hex>} of the bytes. */
  public String digest() {
    return sha256(bytes);
  }

  /** Whether this is a list of per-platform manifests rather than one image. */
  public boolean isIndex() {
    return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
  }

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** {@code sha256:<hex>} of some bytes. */
  public static String sha256(byte[] data) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Manifest m
        && m.mediaType.equals(mediaType)
        && Arrays.equals(m.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return mediaType.hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Manifest[" + mediaType + ", " + digest() + "]";
  }
}
