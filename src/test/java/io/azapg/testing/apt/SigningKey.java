package io.azapg.testing.apt;

import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway OpenPGP signing key in its own GnuPG home (gpg on the host): signs Release files the
 * way the Debian archive does (InRelease, Release.gpg), and exports its public key for apt.
 */
public final class SigningKey implements AutoCloseable {
  private static final DefaultProcessRunner RUNNER = new DefaultProcessRunner();

  private final Path home;

  /** Generates an ed25519 signing key in a new GnuPG home under {@code dir}. */
  public SigningKey(Path dir) {
    try {
      home =
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    gpg(
        "--quick-generate-key",
        "aza-pg test archive <test@aza-pg.invalid>",
        "ed25519",
        "sign",
        "never");
  }

  /** The public key, ASCII-armoured (apt reads it from /etc/apt/trusted.gpg.d/NAME.asc). */
  public String publicKey() {
    return gpg("--armor", "--export").stdout();
  }

  /** Writes the public key as a binary keyring, as gpgv and debootstrap's --keyring read it. */
  public Path keyring(Path file) {
    gpg("--yes", "--output", file.toString(), "--export");
    return file;
  }

  /** Writes {@code InRelease} and {@code Release.gpg} next to the Release file. */
  public void sign(Path release) {
    Path dir = release.getParent();
    gpg(
        "--yes",
        "--clearsign",
        "--output",
        dir.resolve("InRelease").toString(),
        release.toString());
    gpg(
        "--yes",
        "--detach-sign",
        "--armor",
        "--output",
        dir.resolve("Release.gpg").toString(),
        release.toString());
  }

  private ProcessResult gpg(String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "gpg",
                "--homedir",
                home.toString(),
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                ""));
    argv.addAll(List.of(args));
    ProcessResult r =
        RUNNER.execute(
            ProcessSpec.of(argv)
                .timeout(Duration.ofMinutes(2))
                .missingHints(List.of("apt-get install gnupg (.ci/run installs it)"))
                .build());
    if (!r.succeeded()) {
      throw new AssertionError("gpg " + String.join(" ", args) + " failed:\n" + r.stderr());
    }
    return r;
  }

  /** Stops the gpg-agent this home started. */
  @Override
  public void close() {
    RUNNER.execute(
        ProcessSpec.of("gpgconf", "--homedir", home.toString(), "--kill", "all").build());
  }
}
