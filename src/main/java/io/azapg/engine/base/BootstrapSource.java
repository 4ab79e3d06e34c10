package io.azapg.engine.base;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a base image is bootstrapped from and how it is trusted.
 *
 * @param mirror the Debian mirror; empty reads it from the host's apt sources
 * @param keyring the keyring the archive's Release signature must verify against
 * @param snapshot who, if anyone, marks the mirror as a frozen snapshot
 */
public record BootstrapSource(Optional<String> mirror, Path keyring, SnapshotMarking snapshot) {
  /** The keyring of Debian's {@code debian-archive-keyring} package. */
  public static final Path DEBIAN_KEYRING =
      Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");

  /** The host's mirror (or the given one), Debian's keyring, no snapshot marking. */
  public static BootstrapSource of(Optional<String> mirror) {
    return new BootstrapSource(mirror, DEBIAN_KEYRING, SnapshotMarking.none());
  }

  /** The same source with another snapshot marking. */
  public BootstrapSource withSnapshot(SnapshotMarking marking) {
    return new BootstrapSource(mirror, keyring, marking);
  }
}
