package io.azapg.engine.setup;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.RunSpec;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Installs Compose v2 as a docker CLI plugin (and the docker CLI itself when the host has none)
 * from Debian forky's packages, without touching the host's apt sources: {@code apt-get download}
 * runs inside the forky base image, and the binaries are unpacked with {@code dpkg -x}.
 */
final class ComposeStep implements SetupStep {
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final ProcessRunner runner;
  private final ContainerEngine engine;
  private final SetupPaths paths;
  private final String baseImage;

  ComposeStep(ProcessRunner runner, ContainerEngine engine, SetupPaths paths, String baseImage) {
    this.runner = runner;
    this.engine = engine;
    this.paths = paths;
    this.baseImage = baseImage;
  }

  @Override
  public String name() {
    return "compose v2";
  }

  @Override
  public Optional<String> pending() {
    List<String> packages = packagesToFetch();
    return packages.isEmpty()
        ? Optional.empty()
        : Optional.of("install " + String.join(" and ", describe(packages)) + " from Debian forky");
  }

  /** The docker CLI on this host, if any. */
  Optional<Path> dockerClient() {
    return paths.dockerClients().stream().filter(Files::isExecutable).findFirst();
  }

  /** Whether {@code docker compose version} works. */
  Optional<String> composeVersion() {
    Optional<Path> docker = dockerClient();
    if (docker.isEmpty() || !Files.isExecutable(paths.composePlugin())) {
      return Optional.empty();
    }
    ProcessResult result =
        runner.execute(ProcessSpec.of(docker.get().toString(), "compose", "version").build());
    return result.succeeded() ? Optional.of(result.stdout().trim()) : Optional.empty();
  }

  @Override
  public void apply(Reporter reporter) {
    List<String> packages = packagesToFetch();
    Path work = workDirectory();
    try {
      download(packages, work, reporter);
      Path tree = work.resolve("tree");
      try (Stream<Path> debs = Files.list(work)) {
        for (Path deb : debs.filter(f -> f.toString().endsWith(".deb")).sorted().toList()) {
          runner.run(
              ProcessSpec.of("dpkg", "-x", deb.toString(), tree.toString())
                  .failureCode(ExitCode.ENGINE)
                  .build());
        }
      }
      if (packages.contains("docker-cli")) {
        install(tree.resolve("usr/bin/docker"), paths.dockerInstall());
      }
      if (packages.contains("docker-compose")) {
        install(
            tree.resolve("usr/libexec/docker/cli-plugins/docker-compose"), paths.composePlugin());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the downloaded packages in " + work, e);
    } finally {
      runner.execute(ProcessSpec.of("rm", "-rf", "--one-file-system", work.toString()).build());
    }
    String version =
        composeVersion()
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.ENGINE,
                        "Compose v2 was installed to "
                            + paths.composePlugin()
                            + " but 'docker compose version' does not work"));
    reporter.info(version + " (docker CLI plugin at " + paths.composePlugin() + ")");
  }

  private List<String> packagesToFetch() {
    List<String> packages = new ArrayList<>();
    if (dockerClient().isEmpty()) {
      packages.add("docker-cli");
    }
    if (!Files.isExecutable(paths.composePlugin())
        || (packages.isEmpty() && composeVersion().isEmpty())) {
      packages.add("docker-compose");
    }
    return packages;
  }

  private void download(List<String> packages, Path work, Reporter reporter) {
    reporter.info("apt-get download " + String.join(" ", packages) + " inside " + baseImage);
    String script =
        "apt-get -q -o APT::Sandbox::User=root update >/dev/null"
            + " && cd /out && apt-get -q -o APT::Sandbox::User=root download "
            + String.join(" ", packages);
    RunSpec spec =
        RunSpec.builder(baseImage)
            .removeWhenDone(true)
            .network("host")
            .volume(work.toString(), "/out")
            .command("sh", "-c", script)
            .build();
    ProcessResult result = engine.runAttached(spec, DOWNLOAD_TIMEOUT);
    if (!result.succeeded()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "downloading "
              + String.join(" ", packages)
              + " inside "
              + baseImage
              + " failed (exit code "
              + result.exitCode()
              + "):\n    "
              + String.join(
                  "\n    ", ProcessResult.tail(result.stderr() + "\n" + result.stdout(), 12)),
          List.of(
              "check that the image's apt sources reach a mirror: podman run --rm --network host "
                  + baseImage
                  + " apt-get update"));
    }
  }

  private Path workDirectory() {
    try {
      Files.createDirectories(paths.stateDir());
      return Files.createTempDirectory(paths.stateDir(), "downloads-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a download directory in " + paths.stateDir(), e);
    }
  }

  private static void install(Path from, Path to) throws IOException {
    if (!Files.isRegularFile(from)) {
      throw new AzaPgException(
          ExitCode.ENGINE, "the downloaded package has no " + from.getFileName());
    }
    Files.createDirectories(to.getParent());
    Path temp = Files.createTempFile(to.getParent(), "." + to.getFileName(), ".tmp");
    Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<String> describe(List<String> packages) {
    return packages.stream()
        .map(p -> p.equals("docker-cli") ? "the docker CLI" : "Compose v2")
        .toList();
  }
}
