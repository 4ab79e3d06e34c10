package io.azapg.engine.base;

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
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fetches Debian packages of the base image's suite without touching the host's apt sources: {@code
 * apt-get download} runs inside the base image, and the packages are unpacked on the host with
 * {@code dpkg -x}. How the tooling gets programs the host's Debian release lacks.
 */
public final class DebianDownload {
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final String baseImage;

  public DebianDownload(ContainerEngine engine, ProcessRunner runner, String baseImage) {
    this.engine = engine;
    this.runner = runner;
    this.baseImage = baseImage;
  }

  /** Downloads the packages into {@code work} and unpacks them into {@code work/tree}. */
  public Path fetch(List<String> packages, Path work, Reporter reporter) {
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
    Path tree = work.resolve("tree");
    try (Stream<Path> debs = Files.list(work)) {
      for (Path deb : debs.filter(f -> f.toString().endsWith(".deb")).sorted().toList()) {
        runner.run(
            ProcessSpec.of("dpkg", "-x", deb.toString(), tree.toString())
                .failureCode(ExitCode.ENGINE)
                .build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the downloaded packages in " + work, e);
    }
    return tree;
  }
}
