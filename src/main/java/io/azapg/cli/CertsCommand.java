package io.azapg.cli;

import io.azapg.ops.Certificates;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aza-pg certs}: a private CA and a server certificate for TLS with verify-full. */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description =
        "Create a private CA (ca.crt, ca.key) and a server certificate signed by it (server.crt,"
            + " server.key) whose subject alternative names are the --hostname values, so that"
            + " clients can use sslmode=verify-full with ca.crt. Keys are 0600; existing files are"
            + " never replaced without --force. Prints the files written.")
final class CertsCommand implements Callable<Integer> {
  private final Console console;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Directory to write to (default: .aza-pg/certs).")
  @Nullable Path dir;

  @Option(
      names = "--hostname",
      paramLabel = "NAME",
      description =
          "A DNS name or IP address clients connect to; repeat for each (default: localhost,"
              + " 127.0.0.1, ::1).")
  @Nullable List<String> hostnames;

  @Option(
      names = "--days",
      defaultValue = "825",
      description = "Validity of the server certificate in days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--force", description = "Replace existing certificate files.")
  boolean force;

  CertsCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Path target = dir != null ? dir : Project.root().resolve(".aza-pg").resolve("certs");
    List<String> names =
        hostnames == null || hostnames.isEmpty()
            ? List.of("localhost", "127.0.0.1", "::1")
            : hostnames;
    new Certificates(console.reporter()).create(target, names, days, force);
    for (String f : Certificates.FILES) {
      console.out().println(target.resolve(f));
    }
    console.out().flush();
    return 0;
  }
}
