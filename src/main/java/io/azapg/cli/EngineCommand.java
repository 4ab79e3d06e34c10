package io.azapg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.HostFacts;
import io.azapg.engine.base.BaseImage;
import io.azapg.engine.setup.DoctorCheck;
import io.azapg.engine.setup.DoctorReport;
import io.azapg.engine.setup.EngineDoctor;
import io.azapg.engine.setup.EngineSetup;
import io.azapg.engine.setup.SetupReport;
import io.azapg.process.DefaultProcessRunner;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aza-pg engine}: check the container toolchain, or install and configure Podman. */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    description = "Container engine: check it (doctor) or install and configure Podman (setup).",
    subcommands = {EngineCommand.Doctor.class, EngineCommand.Setup.class})
final class EngineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: doctor or setup");
  }

  /** Reports each piece of the toolchain as present or missing, with a fix. */
  @Command(
      name = "doctor",
      mixinStandardHelpOptions = true,
      description = {
        "Check each piece aza-pg needs: engine and version, OCI runtime (runc), containers.conf,"
            + " API socket, docker CLI, Compose v2, healthcheck ticker, base image, shell"
            + " environment.",
        "Exit code 0 when every required piece is present, 4 otherwise."
      })
  static final class Doctor implements Callable<Integer> {
    private final Console console;

    @Option(
        names = "--format",
        defaultValue = "text",
        description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    Doctor(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws Exception {
      DoctorReport report = new EngineDoctor(new DefaultProcessRunner()).examine();
      if (format == OutputFormat.JSON) {
        console.out().println(json(report));
      } else {
        text(report, console.out());
      }
      console.out().flush();
      if (report.healthy()) {
        return ExitCode.OK.code();
      }
      long missing =
          report.checks().stream()
              .filter(c -> c.required() && c.status() == DoctorCheck.Status.MISSING)
              .count();
      console.reporter().warn(missing + " required piece(s) missing; the fixes are listed above");
      return ExitCode.ENGINE.code();
    }

    static void text(DoctorReport report, PrintWriter out) {
      out.println("engine: " + report.engine());
      for (DoctorCheck check : report.checks()) {
        String mark =
            switch (check.status()) {
              case PRESENT -> "ok";
              case MISSING -> check.required() ? "MISSING" : "missing";
              case NOT_APPLICABLE -> "n/a";
            };
        String name = check.name() + (check.required() ? "" : " (optional)");
        out.println(String.format(Locale.ROOT, "  %-8s %-30s %s", mark, name, check.detail()));
        check
            .fix()
            .ifPresent(fix -> out.println(String.format(Locale.ROOT, "  %-8s fix: %s", "", fix)));
      }
    }

    static String json(DoctorReport report) throws Exception {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      root.put("engine", report.engine());
      root.put("healthy", report.healthy());
      ArrayNode checks = root.putArray("checks");
      for (DoctorCheck check : report.checks()) {
        ObjectNode node = checks.addObject();
        node.put("name", check.name());
        node.put("required", check.required());
        node.put("status", check.status().name().toLowerCase(Locale.ROOT));
        node.put("detail", check.detail());
        node.put("fix", check.fix().orElse(null));
      }
      return mapper.writeValueAsString(root);
    }
  }

  /** Installs and configures Podman on Debian as root; idempotent. */
  @Command(
      name = "setup",
      mixinStandardHelpOptions = true,
      description = {
        "On Debian as root: install and configure Podman (packages, containers.conf, API socket,"
            + " healthcheck ticker, base image, docker CLI + Compose v2, /etc/profile.d"
            + " environment).",
        "Each step is logged on stderr; a second run only checks (about a second). Elsewhere it"
            + " prints what to install and exits 4."
      })
  static final class Setup implements Callable<Integer> {
    private final Console console;

    @Mixin MirrorOptions mirror;

    @Option(names = "--dry-run", description = "Only print what each step would do.")
    boolean dryRun;

    Setup(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      Reporter reporter = console.reporter();
      EngineSetup setup =
          EngineSetup.forHost(
              new DefaultProcessRunner(),
              HostFacts.probe(),
              mirror.source(BaseImage.DEFAULT_SUITE, reporter),
              reporter);
      if (dryRun) {
        for (SetupReport.Outcome step : setup.plan()) {
          console.out().println(String.format(Locale.ROOT, "%-20s %s", step.name(), step.detail()));
        }
        console.out().flush();
        return ExitCode.OK.code();
      }
      setup.run(reporter);
      return ExitCode.OK.code();
    }
  }
}
