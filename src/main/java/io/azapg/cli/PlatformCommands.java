package io.azapg.cli;

import io.azapg.engine.ContainerEngine;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.release.IndexMerge;
import io.azapg.release.PublishRequest;
import io.azapg.release.Published;
import io.azapg.release.Publisher;
import io.azapg.release.PushRecords;
import io.azapg.release.PushedImage;
import io.azapg.release.Registry;
import io.azapg.release.RegistryCredentials;
import io.azapg.release.RepositoryName;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The two halves of {@code release publish}, for one CI job per platform and a merge job. */
final class PlatformCommands {
  private PlatformCommands() {}

  /** {@code release push}: build one platform, push it by digest. */
  @Command(
      name = "push",
      mixinStandardHelpOptions = true,
      description = {
        "Build one locked platform and push it by digest (no tag).",
        "Prints IMAGE@DIGEST, the input of 'release merge'. What each platform's job runs on its"
            + " own native runner."
      })
  static final class Push implements Callable<Integer> {
    private final Console console;

    @Mixin EngineOption engineOption;
    @Mixin ImageOptions imageOptions;
    @Mixin GitMirrorOption gitMirror;

    @Option(names = "--to", required = true, paramLabel = "REGISTRY/REPOSITORY")
    String to;

    @Option(names = "--platform", required = true, paramLabel = "OS/ARCH")
    String platform;

    @Option(names = "--allow-dirty", description = "Push a build of uncommitted changes.")
    boolean allowDirty;

    Push(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      RepositoryName target = RepositoryName.parse(to);
      ProcessRunner runner = new DefaultProcessRunner();
      ContainerEngine engine = engineOption.select(runner, console.reporter());
      List<PushedImage> images =
          new Publisher(
                  engine, runner, console.reporter(), PushRecords.fromEnvironment(System.getenv()))
              .pushPlatforms(
                  imageOptions.catalog(),
                  new PublishRequest(
                      Project.root(),
                      imageOptions.profile(),
                      Project.repository(),
                      target,
                      Project.jar(),
                      List.of(platform),
                      allowDirty,
                      platform -> imageOptions.ensureBase(engine, runner, console, platform),
                      Project.snapshotUrl(),
                      gitMirror.mirror()),
                  new Registry(target, RegistryCredentials.fromEnvironment(System.getenv())));
      images.forEach(i -> console.out().println(i.reference()));
      return 0;
    }
  }

  /** {@code release merge}: the platform digests → one annotated index and the release tags. */
  @Command(
      name = "merge",
      mixinStandardHelpOptions = true,
      description = {
        "Join platform images pushed by digest into one OCI image index annotated with the"
            + " release's metadata, point the release tags at it and read it back.",
        "Prints the index reference by digest, then each tag."
      })
  static final class Merge implements Callable<Integer> {
    private final Console console;

    @Mixin CatalogFileOption catalogFile;

    @Parameters(paramLabel = "IMAGE@DIGEST", arity = "1..*", description = "One per platform.")
    List<String> images;

    Merge(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      String first = images.get(0);
      RepositoryName target =
          RepositoryName.parse(
              first.substring(0, first.indexOf('@') < 0 ? first.length() : first.indexOf('@')));
      List<String> digests =
          images.stream()
              .map(
                  i -> {
                    if (!i.startsWith(target + "@sha256:")) {
                      throw new io.azapg.common.AzaPgException(
                          io.azapg.common.ExitCode.INVALID_INPUT,
                          i + ": every image must be " + target + "@sha256:...",
                          List.of("merge the lines 'release push' printed"));
                    }
                    return i.substring(i.indexOf('@') + 1);
                  })
              .toList();
      Published published =
          new IndexMerge(
                  new Registry(target, RegistryCredentials.fromEnvironment(System.getenv())),
                  console.reporter())
              .merge(catalogFile.load(), digests);
      console.out().println(target.withDigest(published.indexDigest()));
      published.tags().forEach(t -> console.out().println(target.withTag(t)));
      return 0;
    }
  }
}
