package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ExecSpec;
import io.azapg.engine.RunSpec;
import io.azapg.engine.VolumeMount;
import io.azapg.process.ProcessResult;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A short-lived container of the image on the host's network, in which {@code pg_dump}, {@code
 * psql} and {@code pg_restore} reach a server named by {@code PG*} variables ({@link ServerEnv}).
 * The password file is written inside it through stdin, mode 0600, readable only by {@code
 * postgres}; the container is removed when this is closed (and by the engine when its sleep ends,
 * should this process die first).
 */
public final class ClientContainer implements AutoCloseable {
  private static final String SLEEP_SECONDS = Long.toString(InContainer.LONG.toSeconds());
  private final ContainerEngine engine;
  private final Reporter reporter;
  private final String name;
  private final Target target;

  private ClientContainer(ContainerEngine engine, Reporter reporter, String name, Target target) {
    this.engine = engine;
    this.reporter = reporter;
    this.name = name;
    this.target = target;
  }

  /** Starts the container from {@code image} (which must be here) and writes the password file. */
  public static ClientContainer start(
      ContainerEngine engine, Reporter reporter, String image, ServerEnv server) {
    if (!engine.imageExists(image)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the client programs run in the image " + image + ", which is not here",
          List.of("build it with './aza-pg build' (or set AZA_PG_REPOSITORY to your repository)"));
    }
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    String name = "aza-pg-client-" + HexFormat.of().formatHex(random);
    RunSpec.Builder run =
        RunSpec.builder(image)
            .name(name)
            .network("host")
            .user("postgres")
            .entrypoint("sleep")
            .command(SLEEP_SECONDS)
            .label("io.aza-pg.purpose", "client")
            .removeWhenDone(true)
            .env(server.env());
    server
        .rootCert()
        .ifPresent(c -> run.volume(new VolumeMount(c.toString(), ServerEnv.ROOT_CERT, true)));
    reporter.info(
        "running the client programs in "
            + image
            + " on the host's network, for "
            + server.description());
    engine.run(run.build());
    ClientContainer client =
        new ClientContainer(
            engine,
            reporter,
            name,
            new Target(
                name,
                server.database(),
                server.description(),
                "check PGHOST, PGPORT, PGUSER, the password (PGPASSWORD, PGPASSFILE or ~/.pgpass)"
                    + " and the database name (--db or PGDATABASE)"));
    try {
      server.passfile().ifPresent(client::writePassfile);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return client;
  }

  public Target target() {
    return target;
  }

  private void writePassfile(byte[] content) {
    ProcessResult r =
        engine.exec(
            ExecSpec.of(name, "sh", "-c", "umask 077 && cat > " + ServerEnv.PASSFILE)
                .withUser("postgres")
                .withStdin(content));
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "could not write the password file in the client container "
              + name
              + ": "
              + InContainer.lastLines(r.stderr()));
    }
  }

  @Override
  public void close() {
    try {
      engine.removeContainer(name, true, false);
    } catch (RuntimeException e) {
      reporter.warn("could not remove the client container " + name + ": " + e.getMessage());
    }
  }
}
