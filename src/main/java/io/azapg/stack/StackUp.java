package io.azapg.stack;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ComposeClient;
import io.azapg.engine.ComposeContainer;
import io.azapg.engine.ContainerEngine;
import io.azapg.generate.GeneratedFiles;
import io.azapg.generate.compose.Secrets;
import io.azapg.generate.compose.StackFiles;
import io.azapg.generate.compose.StackKind;
import io.azapg.generate.compose.StackNames;
import io.azapg.generate.compose.StackOption;
import io.azapg.generate.compose.StackOptions;
import io.azapg.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aza-pg up --stack}: renders the stack with its options into its state directory, creates
 * the passwords on first use, starts the services in order and waits until each is healthy, then
 * returns its endpoints. Options not given keep the values the stack last ran with; a changed
 * option recreates the containers it touches (Compose compares their configuration; the data volume
 * stays), except an option that only the first start applies (the database, the primary's slot):
 * with data present that is refused, naming it, rather than printing a URI that would not be true.
 */
public final class StackUp {
  private static final Duration SERVER_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration SIDECAR_TIMEOUT = Duration.ofMinutes(3);

  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Reporter reporter;
  private final Path stateRoot;
  private final Catalog catalog;
  private CertificateMaker certificates =
      (dir, names) -> {
        throw new AzaPgException(
            ExitCode.INTERNAL, "no certificate maker for " + dir + " (tls=on)");
      };

  /**
   * Creates a CA and a server certificate for the given names in a directory ({@code ca.crt},
   * {@code server.crt}, {@code server.key}); the CLI passes the ops package's.
   */
  @FunctionalInterface
  public interface CertificateMaker {
    void create(Path dir, List<String> names);
  }

  /** The files a certificate directory holds. */
  private static final String CA_CERT = "ca.crt";

  private static final String SERVER_CERT = "server.crt";
  private static final String SERVER_KEY = "server.key";

  public StackUp(
      ContainerEngine engine,
      ProcessRunner runner,
      Reporter reporter,
      Path stateRoot,
      Catalog catalog) {
    this.engine = engine;
    this.runner = runner;
    this.reporter = reporter;
    this.stateRoot = stateRoot;
    this.catalog = catalog;
  }

  /** This stack runner, making certificates for {@code tls=on} with {@code maker}. */
  public StackUp withCertificates(CertificateMaker maker) {
    this.certificates = maker;
    return this;
  }

  /**
   * Starts (or updates) the stack.
   *
   * @param assignments options given now ({@code NAME=VALUE}); the image is one of them
   */
  /**
   * Checks what {@link #up} would be asked before anything is built or written: the project is not
   * another kind of stack, every option parses, and a replica's primary is running (the replica
   * joins that stack's network).
   */
  public void check(StackSpec spec, List<String> assignments) {
    StackOptions options = options(spec, assignments, StackState.read(spec.stateDir()));
    if (spec.kind() == StackKind.REPLICA) {
      requirePrimaryRunning(options.get(StackOption.PRIMARY));
    }
  }

  private StackOptions options(
      StackSpec spec, List<String> assignments, Optional<StackOptions> previous) {
    if (previous.isPresent() && previous.get().kind() != spec.kind()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--name "
              + spec.project()
              + " is a "
              + previous.get().kind().id()
              + " stack, not a "
              + spec.kind().id()
              + " one",
          List.of(
              "choose another --name, or remove it first: aza-pg down --stack "
                  + previous.get().kind().id()
                  + " --name "
                  + spec.project()));
    }
    return previous.orElseGet(() -> inherited(spec)).with(assignments);
  }

  public StackEndpoints up(StackSpec spec, List<String> assignments) {
    Optional<StackOptions> previous = StackState.read(spec.stateDir());
    StackOptions options = options(spec, assignments, previous);
    boolean dataExists = engine.volumeExists(spec.dataVolume());
    refuseInitOnlyChanges(spec, previous, options, dataExists);
    StackNames names = names(spec, options);
    ComposeClient compose =
        new ComposeClient(engine, runner, spec.project(), Optional.of(spec.composeFile()));
    compose.requireCompose();
    if (spec.kind() == StackKind.REPLICA) {
      requirePrimaryRunning(options.get(StackOption.PRIMARY));
    }
    StackSecrets.prepare(
        Path.of(names.secretsDir()),
        Secrets.of(spec.kind()),
        Secrets.owned(spec.kind()),
        !dataExists,
        spec.kind() == StackKind.REPLICA
            ? "the primary stack "
                + options.get(StackOption.PRIMARY)
                + " keeps them in "
                + names.secretsDir()
            : "aza-pg down --stack "
                + spec.kind().id()
                + " --name "
                + spec.project()
                + " --volumes",
        reporter);
    Optional<Path> tlsDir =
        options.get(StackOption.TLS).equals("on")
            ? Optional.of(tlsDirectory(Path.of(names.secretsDir()), options))
            : Optional.<Path>empty();
    previous.ifPresent(p -> describeChanges(p, options));
    new GeneratedFiles(spec.stateDir())
        .write(StackFiles.render(options, names, catalog, ".", false));
    StackState.write(spec.stateDir(), options);
    StackWait wait = new StackWait(engine, compose, reporter);
    boolean first = true;
    for (List<String> group : spec.startOrder()) {
      reporter.info("starting " + String.join(", ", group));
      List<String> stopped = stopped(compose, group);
      List<String> rest = new ArrayList<>(group);
      rest.removeAll(stopped);
      if (!stopped.isEmpty()) {
        // A stopped container is made again from the current files: one created while a
        // secret file was missing has a directory mounted in its place.
        compose.up(stopped, first, true);
      }
      if (!rest.isEmpty()) {
        compose.up(rest, first && stopped.isEmpty(), false);
      }
      wait.healthy(group, first ? SERVER_TIMEOUT : SIDECAR_TIMEOUT);
      first = false;
    }
    return StackEndpoints.of(spec, options, tlsDir.map(d -> d.resolve(CA_CERT)));
  }

  /**
   * The stack's certificate directory ({@code secrets/tls}; a replica's is its primary's): a CA and
   * a server certificate are created when missing, for the names clients use: loopback, the bind
   * address, and the service names on the stack's network. An existing certificate is used as it is
   * (put your own there first for other names).
   */
  private Path tlsDirectory(Path secrets, StackOptions options) {
    Path dir = secrets.resolve(Secrets.TLS_DIR);
    if (Files.isRegularFile(dir.resolve(SERVER_CERT))
        && Files.isRegularFile(dir.resolve(SERVER_KEY))
        && Files.isRegularFile(dir.resolve(CA_CERT))) {
      return dir;
    }
    List<String> names =
        new ArrayList<>(SingleNode.certificateNames(options.get(StackOption.BIND)));
    names.addAll(Secrets.SERVICE_HOSTS);
    certificates.create(dir, names);
    return dir;
  }

  /** A new replica takes the database and slot of its primary unless told otherwise. */
  private StackOptions inherited(StackSpec spec) {
    StackOptions defaults = StackOptions.defaults(spec.kind());
    if (spec.kind() != StackKind.REPLICA) {
      return defaults;
    }
    String primary = defaults.get(StackOption.PRIMARY);
    return StackState.read(stateRoot.resolve("stacks").resolve(primary))
        .map(
            p ->
                defaults.with(
                    List.of(
                        "database=" + p.get(StackOption.DATABASE),
                        "slot=" + p.get(StackOption.SLOT))))
        .orElse(defaults);
  }

  private void refuseInitOnlyChanges(
      StackSpec spec, Optional<StackOptions> previous, StackOptions options, boolean dataExists) {
    if (previous.isEmpty() || !dataExists) {
      return;
    }
    for (Map.Entry<String, List<String>> change : options.changesFrom(previous.get()).entrySet()) {
      Optional<StackOption> option = StackOption.byId(change.getKey());
      if (option.isPresent() && !option.get().recreatable(spec.kind())) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "--set "
                + change.getKey()
                + "="
                + change.getValue().get(1)
                + " differs from the running stack's "
                + change.getKey()
                + "="
                + change.getValue().get(0)
                + ", which only its first start applies; nothing was changed",
            List.of(
                "keep " + change.getKey() + "=" + change.getValue().get(0),
                "or start over (this deletes the data): aza-pg down --stack "
                    + spec.kind().id()
                    + " --name "
                    + spec.project()
                    + " --volumes"));
      }
    }
  }

  private void describeChanges(StackOptions previous, StackOptions options) {
    Map<String, List<String>> changes = options.changesFrom(previous);
    if (changes.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    changes.forEach((k, v) -> lines.add(k + " " + show(v.get(0)) + " -> " + show(v.get(1))));
    reporter.info(
        "changed since the last up: "
            + String.join(", ", lines)
            + "; the containers they touch are recreated, the data volume stays");
  }

  private static String show(String v) {
    return v.isEmpty() ? "(unset)" : v;
  }

  private StackNames names(StackSpec spec, StackOptions options) {
    Path secrets =
        spec.kind() == StackKind.REPLICA
            ? StackSpec.of(StackKind.PRIMARY, options.get(StackOption.PRIMARY), stateRoot)
                .secretsDir()
            : spec.secretsDir();
    return new StackNames(
        spec.project(),
        StackNames.networkOf(spec.project()),
        StackNames.networkOf(options.get(StackOption.PRIMARY)),
        secrets.toAbsolutePath().toString());
  }

  private void requirePrimaryRunning(String primary) {
    ComposeClient other = new ComposeClient(engine, runner, primary, Optional.empty());
    boolean running =
        other.containers().stream()
            .anyMatch(c -> c.service().equals("postgres") && c.state().equals("running"));
    if (!running) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--set primary="
              + primary
              + ": no primary stack of that name is running (a replica joins its network)",
          List.of(
              "start it first: aza-pg up --stack primary --name " + primary,
              "or name the running one: --set primary=<its --name>"));
    }
  }

  /** The services of the group whose container exists but does not run. */
  private static List<String> stopped(ComposeClient compose, List<String> group) {
    return compose.containers().stream()
        .filter(c -> group.contains(c.service()) && !c.state().equals("running"))
        .map(ComposeContainer::service)
        .distinct()
        .toList();
  }
}
