package io.azapg.release;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.base.DebianDownload;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signs and verifies pushed images with cosign and a key pair (keyless signing needs Sigstore's
 * public services). Nothing goes to a transparency log: signatures and the SBOM attestation are
 * stored in the image's registry. The key's password reaches cosign only through its environment
 * ({@code COSIGN_PASSWORD}), never on a command line, and is redacted from every message.
 */
public final class Cosign {
  /** Where aza-pg installs cosign when the host has none. */
  public static final Path INSTALLED = Path.of("/var/lib/aza-pg/tools/cosign");

  private static final List<String> NO_TLOG =
      List.of("--use-signing-config=false", "--tlog-upload=false");

  private final ProcessRunner runner;
  private final Path cosign;

  private Cosign(ProcessRunner runner, Path cosign) {
    this.runner = runner;
    this.cosign = cosign;
  }

  /**
   * The host's cosign, or one unpacked from the base image's Debian suite (forky ships cosign 3;
   * the host's apt sources are not touched).
   */
  public static Cosign ensure(
      ContainerEngine engine, ProcessRunner runner, String baseImage, Reporter reporter) {
    Optional<Path> found = runner.findExecutable("cosign");
    if (found.isPresent()) {
      return new Cosign(runner, found.get());
    }
    if (!Files.isExecutable(INSTALLED)) {
      install(engine, runner, baseImage, reporter);
    }
    return new Cosign(runner, INSTALLED);
  }

  private static void install(
      ContainerEngine engine, ProcessRunner runner, String baseImage, Reporter reporter) {
    Path work;
    try {
      Files.createDirectories(INSTALLED.getParent());
      work = Files.createTempDirectory(INSTALLED.getParent(), "download-");
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE, "cannot create " + INSTALLED.getParent() + ": " + e.getMessage());
    }
    try {
      Path tree =
          new DebianDownload(engine, runner, baseImage).fetch(List.of("cosign"), work, reporter);
      Path temp = Files.createTempFile(INSTALLED.getParent(), ".cosign", ".tmp");
      Files.copy(tree.resolve("usr/bin/cosign"), temp, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(
          temp, INSTALLED, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      reporter.info("installed cosign at " + INSTALLED);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE, "cannot install cosign at " + INSTALLED + ": " + e.getMessage());
    } finally {
      runner.execute(ProcessSpec.of("rm", "-rf", "--one-file-system", work.toString()).build());
    }
  }

  /** Writes {@code cosign.key} (mode 0600, encrypted with the password) and {@code cosign.pub}. */
  public void generateKeyPair(Path directory, String password) {
    runner.redactor().register(password);
    run(
        ProcessSpec.of(cosign.toString(), "generate-key-pair")
            .workingDirectory(directory)
            .env("COSIGN_PASSWORD", password),
        "generate a key pair in " + directory);
  }

  /**
   * Signs the image digest and, when given, attaches the SBOM as a signed CycloneDX attestation.
   */
  public void sign(String digestRef, Path key, String password, Optional<Path> sbom) {
    runner.redactor().register(password);
    List<String> args = new ArrayList<>(List.of("sign", "--key", key.toString(), "-y"));
    args.addAll(NO_TLOG);
    args.addAll(registryFlags(digestRef));
    args.add(digestRef);
    run(
        ProcessSpec.of(cosign.toString()).args(args).env("COSIGN_PASSWORD", password),
        "sign " + digestRef);
    if (sbom.isPresent()) {
      List<String> attest =
          new ArrayList<>(
              List.of(
                  "attest",
                  "--key",
                  key.toString(),
                  "--type",
                  "cyclonedx",
                  "--predicate",
                  sbom.get().toString(),
                  "-y"));
      attest.addAll(NO_TLOG);
      attest.addAll(registryFlags(digestRef));
      attest.add(digestRef);
      run(
          ProcessSpec.of(cosign.toString()).args(attest).env("COSIGN_PASSWORD", password),
          "attach the SBOM to " + digestRef);
    }
  }

  /** Verifies the signature (and the SBOM attestation when asked); the failure output if not. */
  public Optional<String> verify(String ref, Path publicKey, boolean sbom) {
    List<String> args =
        new ArrayList<>(List.of("verify", "--key", publicKey.toString(), "--insecure-ignore-tlog"));
    args.addAll(registryFlags(ref));
    args.add(ref);
    ProcessResult r = runner.execute(spec(args));
    if (!r.succeeded()) {
      return Optional.of(String.join("\n", ProcessResult.tail(r.stderr(), 6)));
    }
    if (sbom) {
      List<String> att =
          new ArrayList<>(
              List.of(
                  "verify-attestation",
                  "--key",
                  publicKey.toString(),
                  "--type",
                  "cyclonedx",
                  "--insecure-ignore-tlog"));
      att.addAll(registryFlags(ref));
      att.add(ref);
      ProcessResult a = runner.execute(spec(att));
      if (!a.succeeded()) {
        return Optional.of(
            "SBOM attestation: " + String.join("\n", ProcessResult.tail(a.stderr(), 6)));
      }
    }
    return Optional.empty();
  }

  private ProcessSpec spec(List<String> args) {
    return ProcessSpec.of(cosign.toString()).args(args).timeout(Duration.ofMinutes(5)).build();
  }

  private void run(ProcessSpec.Builder spec, String what) {
    ProcessResult r = runner.execute(spec.timeout(Duration.ofMinutes(5)).build());
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          "cosign could not "
              + what
              + ": "
              + String.join(" / ", runner.redactor().redact(ProcessResult.tail(r.stderr(), 5))));
    }
  }

  /** Plain HTTP only for a registry on the loopback interface. */
  private static List<String> registryFlags(String ref) {
    String repository = ref.split("[@]")[0];
    int colon = repository.lastIndexOf(':');
    if (colon > repository.lastIndexOf('/')) {
      repository = repository.substring(0, colon);
    }
    return RepositoryName.parse(repository).isLoopback()
        ? List.of("--allow-http-registry", "--allow-insecure-registry")
        : List.of();
  }
}
