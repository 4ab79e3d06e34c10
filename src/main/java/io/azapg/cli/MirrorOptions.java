package io.azapg.cli;

import io.azapg.common.Reporter;
import io.azapg.engine.base.BootstrapSource;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a base image is bootstrapped from and how it is trusted: {@code --mirror}, {@code
 * --mirror-is-snapshot}, {@code --keyring}. The committed lock adds its recorded archive state.
 */
final class MirrorOptions {
  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description = "Debian mirror for the base image (default: the host's apt configuration).")
  String mirror;

  @Option(
      names = "--mirror-is-snapshot",
      description =
          "The mirror serves a frozen state of the archive (a snapshot): apt in the base image"
              + " skips the Valid-Until check of its Release file (logged). Without this option,"
              + " only a mirror serving the archive state the lock records is treated so.")
  boolean snapshot;

  @Option(
      names = "--keyring",
      paramLabel = "FILE",
      description =
          "Keyring the archive's Release signature must verify against"
              + " (default: /usr/share/keyrings/debian-archive-keyring.gpg).")
  @Nullable Path keyring;

  /** The bootstrap source for a suite: these options plus the lock's marking. */
  BootstrapSource source(String suite, Reporter reporter) {
    BootstrapSource defaults = BootstrapSource.of(Optional.ofNullable(mirror));
    return new BootstrapSource(
        defaults.mirror(),
        keyring != null ? keyring : defaults.keyring(),
        Project.lockMarking(suite, reporter).withUser(snapshot));
  }
}
