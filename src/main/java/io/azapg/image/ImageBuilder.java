package io.azapg.image;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.BuildFailedException;
import io.azapg.engine.BuildSpec;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ImageDetails;
import io.azapg.generate.ImageInputs;
import io.azapg.generate.LockedInstall;
import io.azapg.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the image: checks the lock covers the catalog, stages the context, resolves the base
 * image's digest, and runs the engine's build with the release tags, build arguments and labels. A
 * build that fails on pinned versions the archives no longer have says to run {@code aza-pg lock}.
 */
public final class ImageBuilder {
  /** A build on the host's own platform: minutes, an hour at the very most. */
  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(60);

  /**
   * A build for another platform runs every step under qemu emulation: every package's maintainer
   * scripts and every compile, hours on a small host.
   */
  static final Duration EMULATED_BUILD_TIMEOUT = Duration.ofHours(12);

  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Reporter reporter;

  public ImageBuilder(ContainerEngine engine, ProcessRunner runner, Reporter reporter) {
    this.engine = engine;
    this.runner = runner;
    this.reporter = reporter;
  }

  /** Builds (a cache hit when nothing changed) and returns the tags and size. */
  public BuildResult build(Catalog catalog, BuildRequest request) {
    long start = System.nanoTime();
    ImageProfile profile = request.profile();
    PackageLock locks =
        ImageFiles.readPackageLock(request.projectRoot(), profile)
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INVALID_INPUT,
                        profile.lockFile() + " does not exist",
                        List.of("run './aza-pg lock' and commit the file")));
    String platform = request.platform().orElse(Platforms.host());
    LockFile lock = Platforms.requireLock(platform, locks, profile.lockFile());
    List<String> missing = ImageFiles.missingFromLock(catalog, lock);
    if (!missing.isEmpty()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          profile.lockFile()
              + " does not lock "
              + String.join(", ", missing)
              + " for "
              + lock.architecture(),
          List.of(
              "the catalog changed since the lock was made: run './aza-pg lock --arch "
                  + lock.architecture()
                  + "' and commit it"));
    }
    ImageInputs inputs = ImageFiles.inputs(catalog, lock, profile);
    BuildMetadata meta = BuildMetadata.of(request.projectRoot(), runner, reporter);
    List<String> tags =
        ImageTags.all(
            request.repository(), inputs.postgresVersion(), meta.time(), request.extraTags());
    // Each build stages into a directory of its own, so two builds at once (two terminals, tests
    // run in parallel) cannot clobber each other's context; it is removed when the build ends.
    Path contexts = request.projectRoot().resolve("target/image-context");
    Path context = createStagingDirectory(contexts, profile.id());
    try {
      return build(catalog, request, lock, inputs, meta, tags, context, start);
    } finally {
      try {
        BuildContext.clean(context);
      } catch (IOException e) {
        reporter.warn("could not remove the build context " + context + ": " + e.getMessage());
      }
    }
  }

  private BuildResult build(
      Catalog catalog,
      BuildRequest request,
      LockFile lock,
      ImageInputs inputs,
      BuildMetadata meta,
      List<String> tags,
      Path context,
      long start) {
    ImageProfile profile = request.profile();
    BuildContext staging = new BuildContext(runner, reporter, request.gitMirror());
    Path dockerfile = staging.stage(context, request.projectRoot(), catalog, inputs, request.jar());
    BaseReference base = BaseReference.resolve(engine, request.baseImage());
    reporter.info("base image " + base.name() + " is " + base.pinned());
    List<String> values = new ArrayList<>(BuildContext.sourcePins(catalog));
    values.add("base " + base.pinned());
    values.add("snapshot " + request.snapshotUrl());
    values.add("platform " + request.platform().orElse(""));
    // The version tag is stamped into the image (its VERSION label); the repository is not, so the
    // same sources built for two repositories are one image with one digest (a push to a second
    // registry or repository is then the same image, and needs no second export).
    String version = tags.get(0).substring(tags.get(0).lastIndexOf(':') + 1);
    values.add("version " + version);
    String inputsDigest = BuildInputs.digest(context, values);
    Optional<ImageDetails> existing = engine.inspectImage(tags.get(0));
    String builtAs = tags.get(0);
    if (!request.noCache() && !BuildInputs.upToDate(existing, inputsDigest, false)) {
      // The same sources built here under another name (e.g. 'aza-pg build' before 'build --push
      // --repository ...'): that image, given these names too. Only an image named as a local
      // build is (localhost/...:VERSION); a pulled one is never taken for a build of ours.
      for (String id : engine.imagesLabelled(BuildInputs.LABEL, inputsDigest)) {
        Optional<ImageDetails> details = engine.inspectImage(id);
        Optional<String> local =
            details.stream()
                .flatMap(d -> d.tags().stream())
                .filter(t -> t.startsWith("localhost/") && t.endsWith(":" + version))
                .findFirst();
        if (local.isPresent()) {
          existing = details;
          builtAs = local.get();
          break;
        }
      }
    }
    if (BuildInputs.upToDate(existing, inputsDigest, request.noCache())) {
      ImageDetails details = existing.orElseThrow();
      (builtAs.equals(tags.get(0)) ? tags.subList(1, tags.size()) : tags)
          .forEach(t -> engine.tag(details.id(), t));
      reporter.info(
          builtAs
              + " was built from these same inputs ("
              + BuildInputs.LABEL
              + "="
              + inputsDigest.substring(0, 19)
              + "…): not rebuilding");
      return result(tags, details, start, meta, inputs, false);
    }
    staging.checkOutSources(context, catalog);
    reporter.info(
        "building "
            + tags.get(0)
            + " ("
            + catalog.derived().counts().enabled()
            + " catalog entries, PostgreSQL "
            + inputs.postgresVersion()
            + ")");
    // The stamp goes into the LABEL step's text, not through --build-arg: see LabelStamp.
    LabelStamp.apply(
        dockerfile,
        Map.of(
            "VERSION", version,
            "REVISION", meta.revision(),
            "CREATED", DateTimeFormatter.ISO_INSTANT.format(meta.time()),
            "BASE_NAME", base.name(),
            "BASE_DIGEST", base.digest(),
            "BUILD_INPUTS", inputsDigest));
    BuildSpec.Builder spec =
        BuildSpec.builder(context, tags.get(0))
            .dockerfile(dockerfile)
            .buildArg("BASE_IMAGE", base.pinned())
            .buildArg(LockedInstall.SNAPSHOT_URL_ARG, request.snapshotUrl())
            .hostNetwork(true)
            .noCache(request.noCache())
            .jobs(request.jobs())
            .timeout(
                request.platform().filter(p -> !Platforms.isHost(p)).isPresent()
                    ? EMULATED_BUILD_TIMEOUT
                    : BUILD_TIMEOUT)
            .log(context.resolveSibling(context.getFileName() + "-build.log"));
    tags.subList(1, tags.size()).forEach(spec::tag);
    request
        .platform()
        .ifPresent(
            p -> {
              new Platforms(engine, runner).check(p);
              spec.platform(p);
            });
    try {
      engine.build(spec.build());
    } catch (BuildFailedException e) {
      throw StaleLock.from(e, profile.lockFile(), lock.archive(lock.suite()), request.snapshotUrl())
          .orElseThrow(() -> e);
    }
    ImageDetails details =
        engine
            .inspectImage(tags.get(0))
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.ENGINE,
                        "the build finished but " + tags.get(0) + " is not there"));
    return result(tags, details, start, meta, inputs, true);
  }

  private static BuildResult result(
      List<String> tags,
      ImageDetails details,
      long start,
      BuildMetadata meta,
      ImageInputs inputs,
      boolean rebuilt) {
    return new BuildResult(
        tags,
        details.id(),
        details.sizeBytes(),
        Duration.ofNanos(System.nanoTime() - start),
        meta.revision(),
        inputs.postgresVersion(),
        rebuilt);
  }

  private static Path createStagingDirectory(Path parent, String profileId) {
    try {
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, profileId + "-");
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot create a build context under " + parent + ": " + e.getMessage(),
          List.of("check that the project directory is writable and the disk is not full"));
    }
  }
}
