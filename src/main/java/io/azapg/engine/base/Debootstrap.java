package io.azapg.engine.base;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code debootstrap} command line: the keyring is always given and the signature check is
 * forced, so a mirror whose Release file is unsigned or signed by a key outside the keyring stops
 * the bootstrap instead of producing an unauthenticated base.
 */
final class Debootstrap {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final List<String> SIGNATURE_ERRORS =
      List.of(
          "release signature",
          "signed by unknown key",
          "keyring",
          "gpgv",
          "failed getting release signature file");

  private final ProcessRunner runner;
  private final Path keyring;

  Debootstrap(ProcessRunner runner, Path keyring) {
    this.runner = runner;
    this.keyring = keyring;
  }

  /** Fails when the keyring is missing: without it nothing could be verified. */
  void checkKeyring() {
    if (!Files.isRegularFile(keyring)) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "the archive keyring "
              + keyring
              + " does not exist: the base image's packages could not be verified",
          List.of(
              "apt-get install debian-archive-keyring (aza-pg engine setup installs it),"
                  + " or name another keyring with --keyring FILE"));
    }
  }

  /** The argv for one bootstrap of the host's architecture. */
  List<String> argv(String suite, Path rootfs, String mirror, Path script) {
    return argv(suite, rootfs, mirror, script, "");
  }

  /**
   * The argv for one bootstrap; another architecture than the host's ({@code arm64}) only unpacks
   * ({@code --foreign}): its second stage runs in the tree under emulation ({@link #secondStage}).
   */
  List<String> argv(String suite, Path rootfs, String mirror, Path script, String architecture) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "debootstrap", "--variant=minbase", "--keyring=" + keyring, "--force-check-gpg"));
    if (!architecture.isEmpty()) {
      argv.addAll(List.of("--arch=" + architecture, "--foreign"));
    }
    if (mirror.startsWith("https:")) {
      argv.add("--include=ca-certificates");
    }
    argv.addAll(List.of(suite, rootfs.toString(), mirror, script.toString()));
    return argv;
  }

  /**
   * The second stage of a {@code --foreign} bootstrap: debootstrap configures the packages inside
   * the tree, whose binaries the kernel hands to qemu through binfmt_misc.
   */
  void secondStage(Path rootfs, String architecture, Reporter reporter) {
    ProcessResult result =
        runner.execute(
            ProcessSpec.of(
                    "chroot", rootfs.toString(), "/debootstrap/debootstrap", "--second-stage")
                .timeout(TIMEOUT)
                .failureCode(ExitCode.ENGINE)
                .listener((channel, line) -> reporter.debug("debootstrap: " + line))
                .build());
    if (!result.succeeded()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "the second stage of the "
              + architecture
              + " bootstrap failed with exit code "
              + result.exitCode()
              + ":\n    "
              + String.join(
                  "\n    ", ProcessResult.tail(result.stderr() + "\n" + result.stdout(), 20)),
          List.of(
              "check that "
                  + architecture
                  + " binaries run here (qemu-user-static and binfmt-support, Debian)"));
    }
  }

  /** Runs debootstrap; a signature failure is invalid input naming the mirror and the keyring. */
  void run(String suite, Path rootfs, String mirror, Path script, Reporter reporter) {
    run(suite, rootfs, mirror, script, "", reporter);
  }

  /** Runs debootstrap for an architecture ({@code ""}: the host's). */
  void run(
      String suite,
      Path rootfs,
      String mirror,
      Path script,
      String architecture,
      Reporter reporter) {
    ProcessResult result =
        runner.execute(
            ProcessSpec.of(argv(suite, rootfs, mirror, script, architecture))
                .timeout(TIMEOUT)
                .failureCode(ExitCode.ENGINE)
                .missingHints(List.of("apt-get install debootstrap (or run 'aza-pg engine setup')"))
                .listener((channel, line) -> reporter.debug("debootstrap: " + line))
                .build());
    if (result.succeeded()) {
      return;
    }
    List<String> errors =
        (result.stdout() + "\n" + result.stderr())
            .lines()
            .filter(l -> l.startsWith("E: "))
            .map(l -> l.substring(3).strip())
            .toList();
    if (errors.stream().anyMatch(Debootstrap::isSignatureError)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "refusing to bootstrap from "
              + mirror
              + ": its "
              + suite
              + " Release file does not verify against "
              + keyring
              + " ("
              + String.join("; ", errors)
              + ")",
          List.of(
              "check the mirror (--mirror URL): it must serve the Debian archive, signed",
              "if the mirror is right, the keyring may predate the archive's key:"
                  + " apt-get install debian-archive-keyring, or --keyring FILE"));
    }
    List<String> tail = ProcessResult.tail(result.stderr() + "\n" + result.stdout(), 20);
    throw new AzaPgException(
        ExitCode.ENGINE,
        "debootstrap of "
            + suite
            + " from "
            + mirror
            + " failed with exit code "
            + result.exitCode()
            + ":\n    "
            + String.join("\n    ", tail),
        List.of("check that the mirror is reachable and serves " + suite));
  }

  private static boolean isSignatureError(String error) {
    String lower = error.toLowerCase(Locale.ROOT);
    return SIGNATURE_ERRORS.stream().anyMatch(lower::contains);
  }
}
