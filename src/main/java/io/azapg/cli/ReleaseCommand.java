package io.azapg.cli;

import picocli.CommandLine.Command;

/** {@code aza-pg release}: publish the image, its notes and its proofs. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "Publish a release: the multi-platform image, its notes, signatures.",
    subcommands = {
      PublishCommand.class,
      PlatformsCommand.class,
      PlatformCommands.Push.class,
      PlatformCommands.Merge.class,
      NotesCommand.class,
      SigningCommands.Keygen.class,
      SigningCommands.Sign.class,
      SigningCommands.Verify.class
    })
final class ReleaseCommand {}
