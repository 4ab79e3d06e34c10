package io.azapg.engine.base;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.HostFacts;
import io.azapg.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ensures the registry-free base image {@code localhost/aza-pg-base:<suite>} (or another
 * repository's) exists: kept if present, else pulled from {@code
 * docker.io/library/debian:<suite>-slim} if a registry answers, else bootstrapped from the host's
 * Debian mirror with debootstrap (the archive's signature verified against a keyring), cleaned and
 * imported.
 */
public final class BaseImage {
  /** The Debian suite that ships PostgreSQL 18 packages. */
  public static final String DEFAULT_SUITE = "forky";

  /** The repository of the base image unless {@code AZA_PG_BASE_REPOSITORY} names another. */
  public static final String DEFAULT_REPOSITORY = "localhost/aza-pg-base";

  /** The prefix of the labels a bootstrapped base image carries. */
  public static final String LABEL_PREFIX = "io.azapg.base.";

  private static final Pattern SUITE = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Duration PULL_TIMEOUT = Duration.ofSeconds(20);

  private final ContainerEngine engine;
  private final String repository;
  private final Path aptDir;
  private final DebianBootstrap bootstrap;

  /** A base image manager for this host, for the default base repository. */
  public BaseImage(ContainerEngine engine, ProcessRunner runner) {
    this(engine, runner, DEFAULT_REPOSITORY);
  }

  /**
   * A base image manager for this host: /etc/apt, debootstrap's scripts, work in /var/tmp.
   *
   * @param repository the image repository the base goes into, e.g. {@value #DEFAULT_REPOSITORY}
   */
  public BaseImage(ContainerEngine engine, ProcessRunner runner, String repository) {
    this(
        engine,
        runner,
        repository,
        Path.of("/etc/apt"),
        Path.of("/usr/share/debootstrap/scripts"),
        Path.of("/var/tmp"),
        Clock.systemUTC(),
        HostFacts.probe());
  }

  BaseImage(
      ContainerEngine engine,
      ProcessRunner runner,
      String repository,
      Path aptDir,
      Path scriptsDir,
      Path workRoot,
      Clock clock,
      HostFacts host) {
    this.engine = engine;
    this.repository = repository;
    this.aptDir = aptDir;
    this.bootstrap = new DebianBootstrap(engine, runner, scriptsDir, workRoot, clock, host);
  }

  /** The default local name of the base image for a suite. */
  public static String reference(String suite) {
    return DEFAULT_REPOSITORY + ":" + suite;
  }

  /** The local name of this manager's base image for a suite. */
  public String referenceFor(String suite) {
    return repository + ":" + suite;
  }

  /** Ensures the image exists, trying a pull first; the mirror defaults to the host's. */
  public BaseImageResult ensure(String suite, Optional<String> mirror, Reporter reporter) {
    return ensure(suite, BootstrapSource.of(mirror), false, true, reporter);
  }

  /** Ensures the image exists, trying a pull first, bootstrapping from the given source. */
  public BaseImageResult ensure(String suite, BootstrapSource source, Reporter reporter) {
    return ensure(suite, source, false, true, reporter);
  }

  /**
   * Ensures the image exists.
   *
   * @param suite the Debian suite, e.g. forky
   * @param source the mirror (empty: the host's), the keyring and the snapshot marking
   * @param rebuild bootstrap a new image even if one exists (never pulls)
   * @param tryPull try {@code docker.io/library/debian:<suite>-slim} before bootstrapping
   */
  public BaseImageResult ensure(
      String suite, BootstrapSource source, boolean rebuild, boolean tryPull, Reporter reporter) {
    if (!SUITE.matcher(suite).matches()) {
      throw new AzaPgException(ExitCode.INVALID_INPUT, "not a Debian suite name: '" + suite + "'");
    }
    long start = System.nanoTime();
    String ref = referenceFor(suite);
    if (!rebuild && engine.imageExists(ref)) {
      reporter.info(ref + " is present");
      return new BaseImageResult(
          ref, BaseImageResult.Source.EXISTING, Optional.empty(), false, since(start));
    }
    if (!rebuild && tryPull && pulled(suite, ref, reporter)) {
      return new BaseImageResult(
          ref, BaseImageResult.Source.PULLED, Optional.empty(), false, since(start));
    }
    String mirror =
        source.mirror().map(BaseImage::trimSlash).orElseGet(() -> AptSources.debianMirror(aptDir));
    boolean checkOff =
        bootstrap.run(
            new DebianBootstrap.Request(suite, mirror, source.keyring(), source.snapshot(), ref),
            reporter);
    Duration took = since(start);
    reporter.info(ref + " bootstrapped from " + mirror + " in " + took.toSeconds() + " s");
    return new BaseImageResult(
        ref, BaseImageResult.Source.BOOTSTRAPPED, Optional.of(mirror), checkOff, took);
  }

  /** The host's Debian architecture, e.g. {@code amd64}. */
  public static String hostArchitecture() {
    String arch = System.getProperty("os.arch", "");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  /**
   * The local name of this manager's base image for a suite and a Debian architecture: the host's
   * is {@link #referenceFor}, another one's carries the architecture, e.g. {@code
   * localhost/aza-pg-base:forky-arm64}.
   */
  public String referenceFor(String suite, String architecture) {
    return architecture.equals(hostArchitecture())
        ? referenceFor(suite)
        : referenceFor(suite) + "-" + architecture;
  }

  /**
   * Ensures the base image of a Debian architecture exists. The host's is {@link #ensure}; another
   * one is bootstrapped with {@code debootstrap --foreign} and its second stage run under qemu
   * through binfmt_misc (never pulled), then imported with that architecture in its configuration.
   */
  public BaseImageResult ensure(
      String suite,
      String architecture,
      BootstrapSource source,
      boolean rebuild,
      Reporter reporter) {
    if (architecture.equals(hostArchitecture())) {
      return ensure(suite, source, rebuild, !rebuild, reporter);
    }
    if (!SUITE.matcher(suite).matches()) {
      throw new AzaPgException(ExitCode.INVALID_INPUT, "not a Debian suite name: '" + suite + "'");
    }
    long start = System.nanoTime();
    String ref = referenceFor(suite, architecture);
    if (!rebuild && engine.imageExists(ref)) {
      reporter.info(ref + " is present");
      return new BaseImageResult(
          ref, BaseImageResult.Source.EXISTING, Optional.empty(), false, since(start));
    }
    String mirror =
        source.mirror().map(BaseImage::trimSlash).orElseGet(() -> AptSources.debianMirror(aptDir));
    boolean checkOff =
        bootstrap.run(
            new DebianBootstrap.Request(
                suite, mirror, source.keyring(), source.snapshot(), ref, architecture),
            reporter);
    Duration took = since(start);
    reporter.info(ref + " bootstrapped from " + mirror + " in " + took.toSeconds() + " s");
    return new BaseImageResult(
        ref, BaseImageResult.Source.BOOTSTRAPPED, Optional.of(mirror), checkOff, took);
  }

  private boolean pulled(String suite, String ref, Reporter reporter) {
    String remote = "docker.io/library/debian:" + suite + "-slim";
    try {
      engine.pull(remote, PULL_TIMEOUT);
      engine.tag(remote, ref);
      reporter.info("pulled " + remote + " as " + ref);
      return true;
    } catch (AzaPgException e) {
      reporter.info(
          "could not pull "
              + remote
              + "; bootstrapping from the Debian archive instead (--verbose shows why)");
      reporter.debug(e.getMessage());
      return false;
    }
  }

  private static String trimSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
