package io.azapg.engine.setup;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.base.DebianDownload;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installs Compose v2 as a docker CLI plugin (and the docker CLI itself when the host has none)
 * from Debian forky's packages, without touching the host's apt sources: {@code apt-get download}
 * runs inside the forky base image, and the binaries are unpacked with {@code dpkg -x}.
 */
final class ComposeStep implements SetupStep {
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
      Path tree = new DebianDownload(engine, runner, baseImage).fetch(packages, work, reporter);
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
