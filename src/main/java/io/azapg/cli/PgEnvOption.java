package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.ops.ClientContainer;
import io.azapg.ops.ServerEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --pg-env}: backup and restore act on any PostgreSQL server named by the {@code PG*}
 * variables, with the image's client programs run in a short-lived container on the host's network.
 */
final class PgEnvOption {
  @Option(
      names = "--pg-env",
      description =
          "Act on the server the PG* variables name (PGHOST, PGPORT, PGUSER, PGDATABASE; the"
              + " password from PGPASSWORD, PGPASSFILE or ~/.pgpass) instead of a node or stack;"
              + " the image's client programs run in a short-lived container on the host's"
              + " network, and the password reaches them only as a 0600 password file.")
  boolean pgEnv;

  @Option(
      names = "--client-image",
      paramLabel = "IMAGE",
      description =
          "With --pg-env: the image whose client programs run (default: $AZA_PG_REPOSITORY,"
              + " else localhost/aza-pg, tag 18).")
  @Nullable String clientImage;

  /**
   * The client container for the server the environment names, when {@code --pg-env} was given;
   * refused together with {@code --name} or {@code --stack}.
   */
  Optional<ClientContainer> start(
      ContainerEngine engine, Reporter reporter, CommandSpec command, @Nullable String stack) {
    if (!pgEnv) {
      if (clientImage != null) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "--client-image is for --pg-env",
            List.of("add --pg-env, or leave out --client-image"));
      }
      return Optional.empty();
    }
    boolean named = command.commandLine().getParseResult().hasMatchedOption("--name");
    if (named || stack != null) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--pg-env with " + (named ? "--name" : "--stack") + ": choose one target",
          List.of(
              "--pg-env acts on the server the PG* variables name; --name and --stack act on"
                  + " a node or stack of this project"));
    }
    ServerEnv server =
        ServerEnv.from(
            System.getenv(),
            Path.of(System.getProperty("user.home")),
            System.getProperty("user.name"));
    String image = clientImage != null ? clientImage : Project.repository() + ":18";
    return Optional.of(ClientContainer.start(engine, reporter, image, server));
  }
}
