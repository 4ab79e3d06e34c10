package io.azapg.image;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.EngineKind;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether this host can build for a platform: its own always; another one only with the
 * engine's multi-platform path (podman with a binfmt/qemu handler, docker with buildx).
 */
public final class Platforms {
  private static final Map<String, String> QEMU =
      Map.of(
          "linux/arm64",
          "qemu-aarch64",
          "linux/amd64",
          "qemu-x86_64",
          "linux/ppc64le",
          "qemu-ppc64le",
          "linux/s390x",
          "qemu-s390x");

  private final ContainerEngine engine;
  private final ProcessRunner runner;

  Platforms(ContainerEngine engine, ProcessRunner runner) {
    this.engine = engine;
    this.runner = runner;
  }

  /** The host's platform in {@code os/arch} form. */
  public static String host() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return "linux/" + (arch.equals("aarch64") ? "arm64" : arch.equals("x86_64") ? "amd64" : arch);
  }

  /** Whether a platform is this host's own, which builds without emulation. */
  public static boolean isHost(String platform) {
    return platform.strip().equals(host());
  }

  /** The {@code os/arch} a lock file resolves packages for. */
  static String of(LockFile lock) {
    return "linux/" + lock.architecture();
  }

  /**
   * The local repository of a platform's image: the host's is the repository itself, another
   * platform's carries its architecture ({@code localhost/aza-pg} → {@code
   * localhost/aza-pg-arm64}), so that a foreign image never takes the host image's tags.
   */
  public static String localRepository(String repository, String platform) {
    String p = platform.strip();
    return isHost(p)
        ? repository
        : repository + "-" + p.substring(p.indexOf('/') + 1).replace('/', '-');
  }

  /** The Debian architecture of an {@code os/arch} platform: {@code linux/arm64} → arm64. */
  public static String debianArchitecture(String platform) {
    String p = platform.strip();
    return p.startsWith("linux/") ? p.substring("linux/".length()) : p;
  }

  /**
   * The lock of a platform's architecture; refuses a platform the lock does not resolve packages
   * for: its Debian versions (and even package names) may differ, so building it would install what
   * nobody locked.
   */
  static LockFile requireLock(String platform, PackageLock lock, String lockFile) {
    return lock.architecture(debianArchitecture(platform))
        .orElseThrow(
            () ->
                new AzaPgException(
                    ExitCode.INVALID_INPUT,
                    "--platform "
                        + platform
                        + ": "
                        + lockFile
                        + " locks no packages for "
                        + debianArchitecture(platform)
                        + " (it locks "
                        + String.join(", ", lock.architectureNames())
                        + "), so there is nothing locked to build "
                        + platform
                        + " from",
                    List.of(
                        "lock that architecture first: './aza-pg lock --arch "
                            + debianArchitecture(platform)
                            + "' and commit "
                            + lockFile,
                        "or build one of "
                            + String.join(
                                ", ", lock.architectures().stream().map(Platforms::of).toList()))));
  }

  /** Fails, saying what is missing, when the host cannot build every platform in the list. */
  void check(String platforms) {
    if (platforms.contains(",")) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--platform " + platforms + ": one build makes one platform's image",
          List.of(
              "'aza-pg release publish' builds each locked platform and joins them in one image"
                  + " index"));
    }
    for (String platform : platforms.split(",")) {
      String p = platform.strip();
      if (p.equals(host())) {
        continue;
      }
      if (!QEMU.containsKey(p)) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "unknown platform \"" + p + "\"",
            List.of("use linux/amd64 or linux/arm64 (comma-separated for several)"));
      }
      if (engine.kind() == EngineKind.DOCKER
          && runner.execute(ProcessSpec.of("docker", "buildx", "version").build()).exitCode()
              != 0) {
        throw new AzaPgException(
            ExitCode.ENGINE,
            "building for "
                + p
                + " on this "
                + host()
                + " host needs docker buildx, which is not installed",
            List.of("install the docker-buildx plugin, or build on a " + p + " host"));
      }
      if (!Files.exists(Path.of("/proc/sys/fs/binfmt_misc", QEMU.get(p)))) {
        throw new AzaPgException(
            ExitCode.ENGINE,
            "this "
                + host()
                + " host cannot run "
                + p
                + " binaries: no "
                + QEMU.get(p)
                + " binfmt handler",
            List.of(
                "install qemu-user-static and binfmt-support (Debian), or build on a "
                    + p
                    + " host"));
      }
    }
  }
}
