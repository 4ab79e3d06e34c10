package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.base.BaseImage;
import io.azapg.engine.base.BootstrapSource;
import io.azapg.image.BuildRequest;
import io.azapg.image.BuildResult;
import io.azapg.image.ImageBuilder;
import io.azapg.image.ImageProfile;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.stack.Connection;
import io.azapg.stack.SingleNode;
import io.azapg.tune.ByteSize;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg up}: build if needed, start a tuned PostgreSQL 18, print how to connect. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Build if needed, start a tuned PostgreSQL 18, wait until healthy, print the URI.",
      "Data lives in a named volume; the port is published on loopback unless --bind says",
      "otherwise; the generated password stays in a 0600 file and is never printed."
    })
final class UpCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;

  @Option(
      names = "--memory",
      defaultValue = "1GB",
      description = "Container memory limit (default: ${DEFAULT-VALUE}).")
  String memory;

  @Option(
      names = "--cpus",
      defaultValue = "1",
      description = "Container CPU limit (default: ${DEFAULT-VALUE}).")
  double cpus;

  @Option(
      names = "--port",
      defaultValue = "5432",
      description = "Host port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Host address to publish on (default: ${DEFAULT-VALUE}, this machine only).")
  String bind;

  @Option(
      names = "--database",
      defaultValue = "postgres",
      description = "Database created at first start (default: ${DEFAULT-VALUE}).")
  String database;

  @Option(
      names = "--show-password",
      description = "Also print the generated password (it is never printed otherwise).")
  boolean showPassword;

  UpCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    long bytes = ByteSize.parse(memory, "--memory").bytes();
    Catalog catalog = Project.loadCatalog(null);
    ContainerEngine engine = EngineSetupOnDemand.select(engineOption, runner, console);
    ImageProfile profile = ImageProfile.DEBIAN;
    String base =
        new BaseImage(engine, runner, Project.baseRepository())
            .ensure(
                profile.suite(),
                BootstrapSource.of(Optional.empty())
                    .withSnapshot(Project.lockMarking(profile.suite(), console.reporter())),
                console.reporter())
            .reference();
    BuildResult built =
        new ImageBuilder(engine, runner, console.reporter())
            .build(
                catalog,
                new BuildRequest(
                    Project.root(),
                    profile,
                    Project.repository(),
                    List.of(),
                    Project.jar(),
                    false,
                    Optional.empty(),
                    false,
                    base,
                    Project.snapshotUrl()));
    Connection c =
        new SingleNode(engine, console.reporter())
            .up(node.spec(built.tags().get(0), bytes, cpus, bind, port, database));
    console.out().println(c.uri());
    console.reporter().info("PostgreSQL is up and healthy: " + c.uri());
    console
        .reporter()
        .info(
            "password file: "
                + Project.root().relativize(c.passwordFile().toAbsolutePath())
                + " (mode 0600)");
    console
        .reporter()
        .info(
            "connect: ./aza-pg psql   or   PGPASSWORD=\"$(cat "
                + Project.root().relativize(c.passwordFile().toAbsolutePath())
                + ")\" psql '"
                + c.uri()
                + "'");
    if (showPassword) {
      console.out().println(c.readPassword());
    }
    return 0;
  }
}
