package io.azapg.cli;

import io.azapg.engine.ContainerEngine;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
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

/** {@code aza-pg release publish}: every locked platform, one annotated image index. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Build the platforms (default: the host's; each must have a section in the package lock),"
          + " push each by digest, join them in one OCI image index annotated with the release's"
          + " metadata, point the release tags at it and read it back from the registry.",
      "Prints the index reference by digest, then each tag."
    })
final class PublishCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin ImageOptions imageOptions;
  @Mixin GitMirrorOption gitMirror;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "REGISTRY/REPOSITORY",
      description = "Where to publish, e.g. ghcr.io/acme/aza-pg or 127.0.0.1:5000/aza-pg.")
  String to;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      split = ",",
      description =
          "Publish these locked platforms (default: the host's only; another architecture is"
              + " built under qemu emulation, which takes hours).")
  List<String> platforms = List.of();

  @Option(
      names = "--allow-dirty",
      description = "Publish the version tag even with uncommitted changes.")
  boolean allowDirty;

  PublishCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    RepositoryName target = RepositoryName.parse(to);
    ProcessRunner runner = new DefaultProcessRunner();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    Registry registry = new Registry(target, RegistryCredentials.fromEnvironment(System.getenv()));
    Published published =
        new Publisher(
                engine, runner, console.reporter(), PushRecords.fromEnvironment(System.getenv()))
            .publish(
                imageOptions.catalog(),
                new PublishRequest(
                    Project.root(),
                    imageOptions.profile(),
                    Project.repository(),
                    target,
                    Project.jar(),
                    platforms,
                    allowDirty,
                    platform -> imageOptions.ensureBase(engine, runner, console, platform),
                    Project.snapshotUrl(),
                    gitMirror.mirror()),
                registry);
    console.out().println(target.withDigest(published.indexDigest()));
    published.tags().forEach(t -> console.out().println(target.withTag(t)));
    for (PushedImage image : published.images()) {
      console.reporter().info(image.platform() + ": " + image.reference());
    }
    console
        .reporter()
        .info(
            "published "
                + published.images().size()
                + " platform(s) as "
                + target.withTag(published.tags().get(0))
                + " with "
                + published.annotations().size()
                + " annotations on the index");
    return 0;
  }
}
