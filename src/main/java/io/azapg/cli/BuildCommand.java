package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.EngineKind;
import io.azapg.image.BuildRequest;
import io.azapg.image.BuildResult;
import io.azapg.image.ImageBuilder;
import io.azapg.image.ImageFiles;
import io.azapg.image.ImageProfile;
import io.azapg.image.ImageTags;
import io.azapg.image.Platforms;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.release.ImagePush;
import io.azapg.release.PushRecords;
import io.azapg.release.PushedImage;
import io.azapg.release.Registry;
import io.azapg.release.RegistryCredentials;
import io.azapg.release.RepositoryName;
import io.azapg.release.Tagging;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg build}: build the image from the catalog and the lock. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Build the aza-pg image (a cache hit when nothing changed).",
      "Prints the tags; with --push also the pushed image's reference by digest (last line)."
    })
final class BuildCommand implements Callable<Integer> {
  /** The most stages --jobs runs at once: the Dockerfile has about a dozen independent ones. */
  static final int MAX_JOBS = 16;

  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin ImageOptions imageOptions;
  @Mixin GitMirrorOption gitMirror;

  @Option(
      names = "--repository",
      description =
          "Image repository (default: $AZA_PG_REPOSITORY, else "
              + ImageTags.DEFAULT_REPOSITORY
              + ").")
  @Nullable String repository;

  @Option(names = "--tag", paramLabel = "TAG", description = "An extra tag (repeatable).")
  List<String> tags = List.of();

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      description =
          "Target platform, e.g. linux/arm64 (default: the host's; another one needs qemu binfmt or"
              + " buildx, and is built into the repository with '-ARCH' appended unless"
              + " --repository names one).")
  String platform;

  @Option(
      names = "--push",
      description = {
        "Push the image by digest to the repository's registry, then point every tag at that"
            + " digest. The version tag is immutable: refused when the registry has it at another"
            + " digest, or when the working tree has uncommitted changes. A loopback registry"
            + " (127.0.0.1:PORT, localhost:PORT) is spoken to over plain HTTP, any other over"
            + " HTTPS."
      })
  boolean push;

  @Option(
      names = "--allow-dirty",
      description = "With --push: push the version tag even with uncommitted changes.")
  boolean allowDirty;

  @Option(names = "--no-cache", description = "Build every layer again.")
  boolean noCache;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = {
        "Build up to N independent stages at once (podman only; default 1). Worth it where one"
            + " stage leaves cores idle, as apt's package set-up does under qemu. The stages' output"
            + " lines interleave; a failure still names the step that failed, and the build log"
            + " has all."
      })
  int jobs = 1;

  @Option(
      names = "--snapshot-url",
      paramLabel = "URL",
      description =
          "Snapshot service for pinned versions the mirror no longer has (default:"
              + " $AZA_PG_SNAPSHOT_URL, else http://snapshot.debian.org).")
  @Nullable String snapshotUrl;

  BuildCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    // Another platform's image goes to its own repository unless one is named: it must never take
    // the host image's tags.
    String repo =
        repository != null
            ? repository
            : platform == null
                ? Project.repository()
                : Platforms.localRepository(Project.repository(), platform);
    // Refuse an unpushable repository before spending minutes on the build.
    Optional<RepositoryName> target =
        push ? Optional.of(RepositoryName.parse(repo)) : Optional.empty();
    if (jobs < 1 || jobs > MAX_JOBS) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--jobs "
              + jobs
              + " is out of range: the build runs 1 to "
              + MAX_JOBS
              + " stages at once",
          List.of("use --jobs 1 (one stage after another) up to --jobs " + MAX_JOBS));
    }
    ImageProfile p = imageOptions.profile();
    Catalog catalog = imageOptions.catalog();
    if (platform != null) {
      // refuse an unlocked architecture before bootstrapping a base image for it
      ImageFiles.requireLockedPlatform(Project.root(), p, platform);
    }
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    if (jobs > 1 && engine.kind() != EngineKind.PODMAN) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--jobs "
              + jobs
              + ": "
              + engine.kind().executable()
              + "'s legacy builder builds one stage at a time",
          List.of("leave out --jobs, or build with podman (--engine podman)"));
    }
    String base =
        platform == null
            ? imageOptions.ensureBase(engine, runner, console)
            : imageOptions.ensureBase(engine, runner, console, platform);
    BuildResult result =
        new ImageBuilder(engine, runner, console.reporter())
            .build(
                catalog,
                new BuildRequest(
                    Project.root(),
                    p,
                    repo,
                    tags,
                    Project.jar(),
                    noCache,
                    Optional.ofNullable(platform),
                    base,
                    snapshotUrl != null ? snapshotUrl : Project.snapshotUrl(),
                    gitMirror.mirror(),
                    jobs));
    result.tags().forEach(console.out()::println);
    console
        .reporter()
        .info(
            String.format(
                Locale.ROOT,
                "%s %s in %.1f s (%d MB uncompressed)",
                result.rebuilt() ? "built" : "up to date:",
                result.tags().get(0),
                result.took().toMillis() / 1000.0,
                result.sizeBytes() / 1_000_000));
    if (target.isPresent()) {
      List<String> tagNames =
          result.tags().stream().map(t -> t.substring(repo.length() + 1)).toList();
      Tagging.requireCommitted(result.revision(), allowDirty, tagNames.get(0));
      Registry registry =
          new Registry(target.get(), RegistryCredentials.fromEnvironment(System.getenv()));
      PushedImage pushed =
          new ImagePush(
                  engine, runner, console.reporter(), PushRecords.fromEnvironment(System.getenv()))
              .push(result.tags().get(0), registry);
      new Tagging(registry, console.reporter())
          .apply(pushed.manifest(), tagNames.get(0), tagNames.subList(1, tagNames.size()));
      console.out().println(pushed.reference());
    }
    return 0;
  }
}
