package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.db.ConnectionCheck;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.base.BaseImage;
import io.azapg.engine.base.BootstrapSource;
import io.azapg.image.BuildRequest;
import io.azapg.image.BuildResult;
import io.azapg.image.ImageBuilder;
import io.azapg.image.ImageProfile;
import io.azapg.ops.Certificates;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.stack.Connection;
import io.azapg.stack.NodeRecord;
import io.azapg.stack.SingleNode;
import io.azapg.stack.StackUp;
import io.azapg.tune.ByteSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aza-pg up}: build if needed, start a tuned PostgreSQL 18, print how to connect. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Build if needed, start a tuned PostgreSQL 18, wait until healthy, print the URI.",
      "With --stack: a Compose stack instead (PgBouncer, exporters, a streaming replica); it"
          + " prints one NAME=URI line per endpoint. Data lives in a named volume; the port is"
          + " published on loopback unless --bind says otherwise; the generated password stays in"
          + " a 0600 file and is never printed."
    })
final class UpCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;
  @Mixin StackSelection stack;
  @Mixin GitMirrorOption gitMirror;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description =
          "With --stack: a stack option, repeatable (memory, cpus, workload, max-clients,"
              + " wal-level, slot, primary, ports, pg.<setting>, ...; see docs/STACKS.md)."
              + " Options not given keep the values the stack last ran with.")
  List<String> set = new ArrayList<>();

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
      names = "--tls",
      description =
          "Serve TLS (ssl=on) with the certificate in .aza-pg/<name>/tls (a stack's: its"
              + " secrets/tls), created for localhost, 127.0.0.1, ::1 and --bind (and a stack's"
              + " service names) if missing; clients use sslmode=verify-full with its ca.crt, and"
              + " plain connections from outside the container are refused. With --stack: the"
              + " option tls=on. Left out: as the node or stack last ran.")
  boolean tls;

  @Option(names = "--no-tls", description = "Stop serving TLS (the certificate files are kept).")
  boolean noTls;

  @Option(
      names = "--show-password",
      description = "Also print the generated password (it is never printed otherwise).")
  boolean showPassword;

  UpCommand(Console console) {
    this.console = console;
  }

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    // Options left out keep what the node was last started with, so the URI printed is its own.
    Optional<NodeRecord> before = SingleNode.recorded(node.byName());
    long bytes =
        given("--memory") || before.isEmpty()
            ? ByteSize.parse(memory, "--memory").bytes()
            : before.get().memoryBytes();
    double cpus = given("--cpus") || before.isEmpty() ? this.cpus : before.get().cpus();
    String bind = given("--bind") || before.isEmpty() ? this.bind : before.get().bindAddress();
    int port = given("--port") || before.isEmpty() ? this.port : before.get().port();
    String database =
        given("--database") || before.isEmpty() ? this.database : before.get().database();
    checkBeforeWork(bytes, cpus, port, database);
    Catalog catalog = Project.loadCatalog(null);
    ContainerEngine engine = EngineSetupOnDemand.select(engineOption, runner, console);
    if (stack.kind().isPresent()) {
      new StackUp(engine, runner, console.reporter(), Project.root().resolve(".aza-pg"), catalog)
          .check(stack.spec(stack.kind().get(), command, node.name), stackAssignments());
    }
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
                    base,
                    Project.snapshotUrl(),
                    gitMirror.mirror(),
                    1));
    if (stack.kind().isPresent()) {
      return StackCli.up(
          console,
          engine,
          runner,
          catalog,
          stack.spec(stack.kind().get(), command, node.name),
          withImage(stackAssignments(), built.tags().get(0)));
    }
    boolean withTls = tls || (!noTls && before.map(NodeRecord::tls).orElse(false));
    Optional<Path> tlsDir = withTls ? Optional.of(tlsDirectory(bind)) : Optional.<Path>empty();
    Connection c =
        new SingleNode(engine, console.reporter())
            .up(node.spec(built.tags().get(0), bytes, cpus, bind, port, database), tlsDir);
    proveReachable(c);
    console.out().println(c.uri() + tlsDir.map(UpCommand::verifyFull).orElse(""));
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

  /** The node's certificate directory; a CA and server certificate are created when missing. */
  private Path tlsDirectory(String bind) {
    Path dir = node.byName().secrets().resolve("tls");
    if (Files.isRegularFile(dir.resolve(Certificates.SERVER_CERT))
        && Files.isRegularFile(dir.resolve(Certificates.SERVER_KEY))) {
      return dir;
    }
    new Certificates(console.reporter()).create(dir, SingleNode.certificateNames(bind), 825, false);
    return dir;
  }

  private static String verifyFull(Path tlsDir) {
    return "?sslmode=verify-full&sslrootcert="
        + tlsDir.resolve(Certificates.CA_CERT).toAbsolutePath();
  }

  /**
   * Refuses what cannot work before anything is built or started: limits this machine cannot give
   * or the server cannot run in, a port or database name the node could not use, options that
   * contradict each other.
   */
  private void checkBeforeWork(long bytes, double cpus, int port, String database) {
    if (stack.kind().isEmpty() && !set.isEmpty()) {
      throw new ParameterException(
          command.commandLine(),
          "--set " + set.get(0) + " needs --stack (a single node takes --memory, --cpus, --port)");
    }
    if (stack.kind().isPresent() && showPassword) {
      throw new ParameterException(
          command.commandLine(),
          "--show-password is for the single node; a stack's passwords are files in its state"
              + " directory");
    }
    if (tls && noTls) {
      throw new ParameterException(
          command.commandLine(), "--tls and --no-tls together: give one of them");
    }
    if (stack.kind().isPresent()) {
      return; // the stack's options are checked by the stack itself
    }
    NodeLimits.check(bytes, cpus, port, database, HostCapacity.probe());
  }

  private static List<String> withImage(List<String> assignments, String image) {
    List<String> all = new ArrayList<>(assignments);
    all.add("image=" + image);
    return all;
  }

  /** The options given for a stack: the shortcuts that were typed, then --set. */
  private List<String> stackAssignments() {
    List<String> a = new ArrayList<>();
    if (given("--memory")) {
      a.add("memory=" + memory);
    }
    if (given("--cpus")) {
      a.add(
          "cpus="
              + command
                  .commandLine()
                  .getParseResult()
                  .matchedOption("--cpus")
                  .stringValues()
                  .get(0));
    }
    if (given("--port")) {
      a.add("port=" + port);
    }
    if (given("--bind")) {
      a.add("bind=" + bind);
    }
    if (given("--database")) {
      a.add("database=" + database);
    }
    if (tls) {
      a.add("tls=on");
    }
    if (noTls) {
      a.add("tls=off");
    }
    a.addAll(set);
    return a;
  }

  private boolean given(String option) {
    return command.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** Healthy inside the container is not enough: the URI must answer from this host. */
  private void proveReachable(Connection c) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Optional<String> failure;
    do {
      failure =
          ConnectionCheck.selectOne(
              c.host(), c.port(), c.user(), c.database(), c.readPassword(), Duration.ofSeconds(5));
      if (failure.isEmpty()) {
        return;
      }
      sleep();
    } while (System.nanoTime() < deadline);
    throw new AzaPgException(
        ExitCode.DATABASE,
        "the node is healthy inside its container, but "
            + c.uri()
            + " does not answer from this host: "
            + failure.get(),
        List.of(
            "check that --bind "
                + c.host()
                + " is an address of this host and port "
                + c.port()
                + " is not taken by another program",
            "see ./aza-pg logs --name " + node.name));
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzaPgException(ExitCode.INTERNAL, "interrupted");
    }
  }
}
