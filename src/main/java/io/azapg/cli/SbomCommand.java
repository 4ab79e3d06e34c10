package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ImageDetails;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.release.ImageInventory;
import io.azapg.release.ImageSbom;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.cyclonedx.model.Bom;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aza-pg sbom IMAGE}: the image's CycloneDX software bill of materials. */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = {
      "Write the CycloneDX 1.6 JSON SBOM of an image: every package of its dpkg database (version,"
          + " licences from its copyright file, purl), every catalog entry built from git"
          + " (repository, commit) and the Maven dependencies of the aza-pg jar in it.",
      "Checked against the CycloneDX schema before it is written. 'aza-pg release sign --sbom"
          + " FILE' attaches it to a pushed image."
    })
final class SbomCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin CatalogFileOption catalogFile;

  @Parameters(paramLabel = "IMAGE", description = "A local image, e.g. localhost/aza-pg:18.")
  String image;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  @Nullable Path output;

  SbomCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ContainerEngine engine = engineOption.select(new DefaultProcessRunner(), console.reporter());
    ImageDetails details =
        engine
            .inspectImage(image)
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INVALID_INPUT,
                        "no local image " + image,
                        List.of("build it ('aza-pg build') or pull it first")));
    ImageInventory inventory = new ImageInventory(engine);
    console.reporter().info("reading the dpkg database of " + image);
    ImageInventory.Packages packages = inventory.packages(image);
    Bom bom =
        ImageSbom.of(
            image,
            details.id(),
            packages,
            catalogFile.load(),
            inventory.jarBom(image),
            Instant.now());
    String json = ImageSbom.json(bom);
    List<String> problems = ImageSbom.validate(json);
    if (!problems.isEmpty()) {
      throw new AzaPgException(
          ExitCode.INTERNAL,
          "the SBOM does not validate against the CycloneDX schema: "
              + String.join("; ", problems));
    }
    if (output != null) {
      OutputFile.write(output, json);
    } else {
      console.out().println(json);
    }
    console
        .reporter()
        .info(
            "SBOM of "
                + image
                + ": "
                + bom.getComponents().size()
                + " components ("
                + packages.packages().size()
                + " Debian packages)");
    return 0;
  }
}
