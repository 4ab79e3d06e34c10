package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.engine.ContainerEngine;
import io.azapg.ops.Certificates;
import io.azapg.process.ProcessRunner;
import io.azapg.stack.StackEndpoints;
import io.azapg.stack.StackSpec;
import io.azapg.stack.StackStatus;
import io.azapg.stack.StackUp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The stack side of up and status: calls the stack package and renders its results. */
final class StackCli {
  private StackCli() {}

  static int up(
      Console console,
      ContainerEngine engine,
      ProcessRunner runner,
      Catalog catalog,
      StackSpec spec,
      List<String> assignments) {
    StackEndpoints endpoints =
        new StackUp(engine, runner, console.reporter(), Project.root().resolve(".aza-pg"), catalog)
            .withCertificates(
                (dir, names) -> new Certificates(console.reporter()).create(dir, names, 825, false))
            .up(spec, assignments);
    endpoints.verify();
    endpoints.endpoints().forEach((name, uri) -> console.out().println(name + "=" + uri));
    console
        .reporter()
        .info(
            "the "
                + spec.kind().id()
                + " stack "
                + spec.project()
                + " is up and healthy"
                + (spec.kind() == io.azapg.generate.compose.StackKind.REPLICA
                    ? "; it logs in with its primary's passwords"
                    : "; passwords in "
                        + Project.root().relativize(spec.secretsDir().toAbsolutePath())
                        + " (0600 files)"));
    if (endpoints.endpoints().containsKey("pgbouncer")) {
      console
          .reporter()
          .info(
              "PgBouncer (transaction pooling) serves the login roles you create, with their own"
                  + " passwords; the superuser and replication roles connect to PostgreSQL"
                  + " directly");
    }
    return 0;
  }

  static int status(
      Console console, ContainerEngine engine, ProcessRunner runner, StackSpec spec, boolean json) {
    StackStatus.Report r =
        new StackStatus(engine, runner, console.reporter(), Project.root().resolve(".aza-pg"))
            .status(spec);
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("stack", spec.kind().id());
      out.put("project", spec.project());
      out.put("healthy", r.healthy());
      Map<String, Object> services = new LinkedHashMap<>();
      r.services()
          .forEach((k, v) -> services.put(k, Map.of("state", v.get(0), "health", v.get(1))));
      out.put("services", services);
      out.put(
          "replication",
          r.replication().stream()
              .map(
                  row ->
                      Map.of(
                          "standby", row.get(0),
                          "state", row.get(1),
                          "lag_bytes", Long.parseLong(row.get(2)),
                          "lag_seconds", Double.parseDouble(row.get(3))))
              .toList());
      r.receiver()
          .ifPresent(
              row ->
                  out.put(
                      "receiver",
                      Map.of(
                          "status", row.get(0),
                          "sender", row.get(1),
                          "unreplayed_bytes", Long.parseLong(row.get(2)))));
      console.out().println(Json.write(out));
    } else {
      console
          .out()
          .printf(Locale.ROOT, "stack: %s (project %s)%n", spec.kind().id(), spec.project());
      r.services()
          .forEach(
              (k, v) ->
                  console.out().printf(Locale.ROOT, "  %-20s %-10s %s%n", k, v.get(0), v.get(1)));
      r.receiver()
          .ifPresent(
              row ->
                  console
                      .out()
                      .printf(
                          Locale.ROOT,
                          "receiver: %s from %s, %s bytes received but not replayed%n",
                          row.get(0),
                          row.get(1),
                          row.get(2)));
      for (List<String> row : r.replication()) {
        console
            .out()
            .printf(
                Locale.ROOT,
                "replication: %s %s, lag %s bytes, %s s%n",
                row.get(0),
                row.get(1),
                row.get(2),
                row.get(3));
      }
    }
    return r.healthy() ? 0 : 1;
  }
}
