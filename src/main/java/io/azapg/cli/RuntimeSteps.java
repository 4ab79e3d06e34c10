package io.azapg.cli;

import io.azapg.catalog.CatalogLoader;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.runtime.DetectedTuning;
import io.azapg.runtime.Env;
import io.azapg.runtime.ProcessExec;
import io.azapg.runtime.RootPreparation;
import io.azapg.runtime.SecretHandoff;
import io.azapg.runtime.Sidecar;
import io.azapg.runtime.Startup;
import io.azapg.runtime.SystemPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The in-image start-up steps behind both {@code aza-pg runtime …} and {@link RuntimeMain}: one
 * implementation, two ways in.
 */
final class RuntimeSteps {
  /** Every *_FILE at its largest, base64-encoded, with room to spare. */
  private static final int MAX_HANDOFF = 1 << 20;

  private RuntimeSteps() {}

  /** As root: validate, read the secret files, hand the directories over; prints the handoff. */
  static void prepareRoot(Console console) {
    String handoff = new RootPreparation(new Env(System.getenv()), SystemPaths.image()).run();
    console.out().print(handoff);
    console.out().flush();
  }

  /**
   * As the server user: everything before {@code exec postgres}.
   *
   * @param serverArgs the server command line, {@code postgres} first or not
   * @param secrets where the handoff of {@link #prepareRoot} comes from, if there is one
   */
  static void prepare(Console console, List<String> serverArgs, Optional<InputStream> secrets) {
    List<String> args = new ArrayList<>(serverArgs);
    if (!args.isEmpty() && args.get(0).equals("postgres")) {
      args.remove(0);
    }
    Env env = new Env(System.getenv());
    if (secrets.isPresent()) {
      env = env.withResolved(SecretHandoff.decode(read(secrets.get())));
    }
    new Startup(
            env,
            new ProcessExec(line -> console.err().println(line)),
            console.reporter(),
            new CatalogLoader().loadShipped(),
            new DetectedTuning(console.reporter()),
            SystemPaths.image(),
            Clock.systemUTC(),
            version())
        .prepare(args);
  }

  /** As root: the credential files of a sidecar service, before its script drops privileges. */
  static void sidecar(String service) {
    Sidecar.inImage(new Env(System.getenv())).prepare(Sidecar.Service.parse(service));
  }

  private static String read(InputStream in) {
    try {
      byte[] bytes = in.readNBytes(MAX_HANDOFF + 1);
      if (bytes.length > MAX_HANDOFF) {
        throw new AzaPgException(ExitCode.INTERNAL, "the secret handoff on stdin is too large");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String version() {
    String v = RuntimeSteps.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
