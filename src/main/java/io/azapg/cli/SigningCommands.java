package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.image.ImageProfile;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.release.Cosign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code release keygen|sign|verify}: cosign with a key pair. */
final class SigningCommands {
  private SigningCommands() {}

  /** The key password: from a file, else from {@code COSIGN_PASSWORD}; never an argument. */
  static final class KeyPassword {
    @Option(
        names = "--password-file",
        paramLabel = "FILE",
        description = "File holding the key's password (default: $COSIGN_PASSWORD).")
    @Nullable Path file;

    String read() {
      if (file != null) {
        try {
          return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
          throw new AzaPgException(
              ExitCode.INVALID_INPUT,
              "cannot read the password file " + file + ": " + e.getMessage());
        }
      }
      String env = System.getenv("COSIGN_PASSWORD");
      if (env == null) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "no password for the signing key",
            List.of("pass --password-file FILE (mode 0600) or set COSIGN_PASSWORD"));
      }
      return env;
    }
  }

  static Cosign cosign(EngineOption engineOption, Console console) {
    ProcessRunner runner = new DefaultProcessRunner();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    return Cosign.ensure(engine, runner, ImageProfile.DEBIAN.baseImage(), console.reporter());
  }

  /** {@code release keygen}. */
  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description =
          "Create a cosign key pair: DIR/cosign.key (0600, encrypted) and DIR/cosign.pub.")
  static final class Keygen implements Callable<Integer> {
    private final Console console;

    @Mixin EngineOption engineOption;
    @Mixin KeyPassword password;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Where to write.")
    Path dir;

    Keygen(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws IOException {
      if (Files.exists(dir.resolve("cosign.key"))) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            dir.resolve("cosign.key") + " exists; refusing to overwrite a signing key",
            List.of("choose another --dir"));
      }
      Files.createDirectories(dir);
      cosign(engineOption, console).generateKeyPair(dir, password.read());
      console.out().println(dir.resolve("cosign.pub"));
      return 0;
    }
  }

  /** {@code release sign}. */
  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description =
          "Sign a pushed image by digest with cosign and a key; with --sbom, also attach the SBOM"
              + " as a signed CycloneDX attestation (stored in the registry next to the image).")
  static final class Sign implements Callable<Integer> {
    private final Console console;

    @Mixin EngineOption engineOption;
    @Mixin KeyPassword password;

    @Parameters(paramLabel = "IMAGE@DIGEST", description = "e.g. ghcr.io/acme/aza-pg@sha256:...")
    String image;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "cosign.key")
    Path key;

    @Option(names = "--sbom", paramLabel = "FILE", description = "CycloneDX JSON to attach.")
    @Nullable Path sbom;

    Sign(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      if (!image.contains("@sha256:")) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "sign " + image + ": sign a digest, not a tag (a tag can be moved to another image)",
            List.of("use the IMAGE@sha256:... that 'build --push' or 'release publish' printed"));
      }
      cosign(engineOption, console).sign(image, key, password.read(), Optional.ofNullable(sbom));
      console.out().println(image);
      console.reporter().info("signed " + image + (sbom != null ? " and attached its SBOM" : ""));
      return 0;
    }
  }

  /** {@code release verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Verify an image's cosign signature with the public key (exit 1 if it does not verify);"
              + " with --sbom, also its signed CycloneDX SBOM attestation.")
  static final class Verify implements Callable<Integer> {
    private final Console console;

    @Mixin EngineOption engineOption;

    @Parameters(paramLabel = "IMAGE", description = "IMAGE@DIGEST or IMAGE:TAG.")
    String image;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "cosign.pub")
    Path key;

    @Option(names = "--sbom", description = "Also verify the SBOM attestation.")
    boolean sbom;

    Verify(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      Optional<String> failure = cosign(engineOption, console).verify(image, key, sbom);
      if (failure.isPresent()) {
        throw new AzaPgException(
            ExitCode.CHECK_FAILED,
            image + " does not verify against " + key + ":\n  " + failure.get(),
            List.of(
                "only images signed with the matching cosign.key verify; a changed image never does"));
      }
      console.out().println(image + ": verified" + (sbom ? " (signature and SBOM)" : ""));
      return 0;
    }
  }
}
