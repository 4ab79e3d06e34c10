package io.azapg.cli;

import io.azapg.image.ImageTags;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Parameters;

/** The optional IMAGE argument of the commands that act on a built image, and its default. */
final class ImageArgument {
  @Parameters(
      arity = "0..1",
      paramLabel = "IMAGE",
      description =
          "Image reference (default: $AZA_PG_REPOSITORY, else "
              + ImageTags.DEFAULT_REPOSITORY
              + ", tag 18).")
  @Nullable String image;

  /** The image given, else the project's repository with the PostgreSQL major as tag. */
  String orDefault(int postgresMajor) {
    return image != null ? image : Project.repository() + ":" + postgresMajor;
  }
}
