package io.azapg.engine.setup;

import io.azapg.engine.FakeEngine;
import io.azapg.process.PidFile;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * A host below a temp directory for setup and doctor tests: fake podman, docker and dpkg-query on
 * the runner's PATH, and helpers that put each piece of a finished setup in place.
 */
final class FakeHost implements AutoCloseable {
  final Path root;
  final SetupPaths paths;
  final FakeEngine fake;
  final ProcessRunner runner;
  private FakeApiServer api;
  private PidFile tickerPid;

  FakeHost(Path tmp, String... programs) {
    this.root = tmp.resolve("root");
    this.paths = SetupPaths.under(root);
    this.fake = new FakeEngine(tmp.resolve("fake"), programs);
    this.runner = fake.runner();
  }

  FakeHost allPackagesInstalled() {
    StringBuilder out = new StringBuilder();
    AptPackages.REQUIRED.forEach(p -> out.append(p).append("\tii \n"));
    fake.respond("-W_-f=${Package}\\t${db:Status-Abbrev}\\n", 0, out.toString(), "");
    return this;
  }

  FakeHost configured() throws IOException {
    Files.createDirectories(paths.containersConf().getParent());
    Files.writeString(paths.containersConf(), ContainersConf.merge(""));
    Files.createDirectories(paths.profileScript().getParent());
    Files.writeString(paths.profileScript(), ProfileStep.content(paths.dockerHost()));
    return this;
  }

  FakeHost apiAnswering() throws IOException {
    Files.createDirectories(paths.socket().getParent());
    api = new FakeApiServer(paths.socket(), 200, false);
    // as podman system service leaves it
    Files.setPosixFilePermissions(
        paths.socket(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return this;
  }

  /** The installed ticker script, and a stand-in process whose command line names it. */
  FakeHost tickerRunning() throws IOException {
    Files.createDirectories(paths.libexecDir());
    Files.write(paths.tickerScript(), TickerStep.script());
    Files.setPosixFilePermissions(
        paths.tickerScript(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path standIn = Files.createDirectories(root.resolve("standin")).resolve("healthcheck-ticker");
    Files.writeString(standIn, "#!/bin/sh\nsleep 60\n");
    Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
    tickerPid = new PidFile(paths.stateDir().resolve("healthcheck-ticker.pid"));
    tickerPid.write(
        runner.startDetached(
            ProcessSpec.of(standIn.toString()).build(), root.resolve("standin.log")));
    return this;
  }

  FakeHost composeInstalled() throws IOException {
    Path docker = paths.dockerClients().get(0);
    Files.createDirectories(docker.getParent());
    Files.copy(fake.dir().resolve("bin/docker"), docker);
    Files.createDirectories(paths.composePlugin().getParent());
    Files.writeString(paths.composePlugin(), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        paths.composePlugin(), PosixFilePermissions.fromString("rwxr-xr-x"));
    fake.respond("compose_version", "Docker Compose version 2.40.3-3\n");
    return this;
  }

  @Override
  public void close() throws IOException {
    if (api != null) {
      api.close();
    }
    if (tickerPid != null) {
      tickerPid.stop("healthcheck-ticker", Duration.ofSeconds(5));
    }
  }
}
