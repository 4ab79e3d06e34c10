package io.azapg.release;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.image.BuildMetadata;
import io.azapg.image.BuildRequest;
import io.azapg.image.BuildResult;
import io.azapg.image.ImageBuilder;
import io.azapg.image.ImageFiles;
import io.azapg.image.ImageTags;
import io.azapg.image.Platforms;
import io.azapg.process.ProcessRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code release publish}: builds every locked platform and pushes each by digest ({@link
 * #pushPlatforms}), then joins them in one annotated OCI image index, points the release tags at it
 * and reads it back ({@link IndexMerge}). The two halves also run apart: one CI job per platform
 * pushes, one job merges the digests.
 */
public final class Publisher {
  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Reporter reporter;
  private final PushRecords records;

  public Publisher(
      ContainerEngine engine, ProcessRunner runner, Reporter reporter, PushRecords records) {
    this.engine = engine;
    this.runner = runner;
    this.reporter = reporter;
    this.records = records;
  }

  /** Both halves: every requested platform pushed, then the index. */
  public Published publish(Catalog catalog, PublishRequest request, Registry registry) {
    List<PushedImage> images = pushPlatforms(catalog, request, registry);
    return new IndexMerge(registry, reporter)
        .merge(catalog, images.stream().map(PushedImage::digest).toList());
  }

  /** Builds each requested platform and pushes it by digest; no tag is written. */
  public List<PushedImage> pushPlatforms(
      Catalog catalog, PublishRequest request, Registry registry) {
    List<String> platforms = platforms(request);
    BuildMetadata meta = BuildMetadata.of(request.projectRoot(), runner, reporter);
    Tagging.requireCommitted(
        meta.revision(),
        request.allowDirty(),
        ImageTags.versionTag(postgresVersion(catalog, request), meta.time()));
    ImageBuilder builder = new ImageBuilder(engine, runner, reporter);
    ImagePush push = new ImagePush(engine, runner, reporter, records);
    List<PushedImage> images = new ArrayList<>();
    for (String platform : platforms) {
      boolean host = Platforms.isHost(platform);
      BuildResult built =
          builder.build(
              catalog,
              new BuildRequest(
                  request.projectRoot(),
                  request.profile(),
                  Platforms.localRepository(request.localRepository(), platform),
                  List.of(),
                  request.jar(),
                  false,
                  host ? Optional.empty() : Optional.of(platform),
                  request.baseImage().apply(platform),
                  request.snapshotUrl(),
                  request.gitMirror(),
                  1));
      images.add(push.push(built.tags().get(0), registry));
    }
    return images;
  }

  private List<String> platforms(PublishRequest request) {
    List<String> locked = ImageFiles.lockedPlatforms(request.projectRoot(), request.profile());
    if (locked.isEmpty()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          request.profile().lockFile() + " does not exist: no platform can be published",
          List.of("run './aza-pg lock' and commit it"));
    }
    if (request.platforms().isEmpty()) {
      // Another architecture builds under qemu emulation, hours on a small host: only on request.
      List<String> foreign = locked.stream().filter(p -> !p.equals(Platforms.host())).toList();
      if (!foreign.isEmpty()) {
        reporter.info(
            String.join(", ", foreign)
                + " is locked too but not built by default on this "
                + Platforms.host()
                + " host (it would run under qemu emulation): name every platform with"
                + " --platform to include it, or push it from a native runner ('release push')"
                + " and join the digests with 'release merge'");
      }
      List<String> hostOnly = locked.stream().filter(p -> p.equals(Platforms.host())).toList();
      if (hostOnly.isEmpty()) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            request.profile().lockFile()
                + " locks no packages for this host's platform "
                + Platforms.host()
                + " (it locks "
                + String.join(", ", locked)
                + ")",
            List.of(
                "name the platforms to build under emulation with --platform, or lock this"
                    + " host's architecture with './aza-pg lock'"));
      }
      return hostOnly;
    }
    for (String p : request.platforms()) {
      if (!locked.contains(p)) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "--platform "
                + p
                + ": "
                + request.profile().lockFile()
                + " has no packages locked for it (locked: "
                + String.join(", ", locked)
                + ")",
            List.of(
                "lock it first: './aza-pg lock --arch "
                    + Platforms.debianArchitecture(p)
                    + "' and commit "
                    + request.profile().lockFile(),
                "or publish the locked platforms"));
      }
    }
    return request.platforms();
  }

  private static String postgresVersion(Catalog catalog, PublishRequest request) {
    return ImageFiles.lockedPostgresVersion(catalog, request.projectRoot(), request.profile())
        .orElseThrow();
  }
}
