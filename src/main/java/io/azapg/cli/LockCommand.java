package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.base.BaseImage;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.GeneratedFiles;
import io.azapg.image.ImageFiles;
import io.azapg.image.ImageProfile;
import io.azapg.image.LockFile;
import io.azapg.image.LockResolver;
import io.azapg.image.PackageLock;
import io.azapg.image.RuntimeTooling;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg lock}: resolve the exact package versions into the committed lock file. */
@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    description = "Resolve the exact Debian version of every package the image installs.")
final class LockCommand implements Callable<Integer> {
  private static final Pattern ARCH = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin ImageOptions imageOptions;

  @Option(names = "--check", description = "Write nothing; fail (exit 1) listing every drift.")
  boolean check;

  @Option(
      names = "--arch",
      paramLabel = "ARCH",
      description =
          "Debian architecture to (re)resolve, e.g. arm64 (repeatable; default: the host's)."
              + " Another architecture is resolved from its own Packages indices, without"
              + " emulation; the other sections of the lock are kept as they are.")
  List<String> architectures = new ArrayList<>();

  LockCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    ImageProfile p = imageOptions.profile();
    Catalog catalog = imageOptions.catalog();
    Path root = Project.root();
    List<String> archs =
        architectures.isEmpty() ? List.of(BaseImage.hostArchitecture()) : architectures;
    for (String arch : archs) {
      if (!ARCH.matcher(arch).matches()) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "--arch " + arch + ": not a Debian architecture name",
            List.of("use a name such as amd64 or arm64"));
      }
    }
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    String base = imageOptions.ensureBase(engine, runner, console);
    Optional<PackageLock> committed = ImageFiles.readPackageLock(root, p);
    LockResolver resolver = new LockResolver(engine, console.reporter());
    Optional<PackageLock> next = committed;
    int drifted = 0;
    for (String arch : archs) {
      LockFile resolved =
          resolver.resolve(catalog, p, base, arch.equals(BaseImage.hostArchitecture()) ? "" : arch);
      if (check) {
        LockFile locked =
            committed
                .flatMap(l -> l.architecture(arch))
                .orElseThrow(
                    () ->
                        new AzaPgException(
                            ExitCode.CHECK_FAILED,
                            committed.isEmpty()
                                ? p.lockFile() + " does not exist"
                                : p.lockFile() + " locks no packages for " + arch,
                            List.of("run './aza-pg lock --arch " + arch + "'")));
        List<String> drift = drift(locked, resolved);
        drift.forEach(line -> console.err().println(arch + " " + line));
        drifted += drift.size();
        continue;
      }
      warnUnexplained(resolved, catalog);
      next =
          Optional.of(
              next.map(l -> l.with(resolved)).orElseGet(() -> new PackageLock(List.of(resolved))));
      int total = resolved.groups().values().stream().mapToInt(List::size).sum();
      console
          .reporter()
          .info(
              "locked "
                  + total
                  + " packages for "
                  + p.id()
                  + " ("
                  + resolved.suite()
                  + ", "
                  + resolved.architecture()
                  + ")");
    }
    if (check) {
      if (drifted > 0) {
        throw new AzaPgException(
            ExitCode.CHECK_FAILED,
            p.lockFile()
                + " has drifted from the archive and catalog ("
                + drifted
                + " difference(s))",
            List.of(
                "review the lines above, then run './aza-pg lock --arch ARCH' and commit the"
                    + " result"));
      }
      console
          .reporter()
          .info(
              p.lockFile()
                  + " matches what the archive resolves today for "
                  + String.join(", ", archs));
      return 0;
    }
    new GeneratedFiles(root)
        .write(List.of(new GeneratedFile(p.lockFile(), next.orElseThrow().render())));
    console.out().println(p.lockFile());
    return 0;
  }

  private void warnUnexplained(LockFile resolved, Catalog catalog) {
    List<String> unexplained =
        RuntimeTooling.unexplained(RuntimeTooling.runtimePackages(resolved), catalog);
    if (!unexplained.isEmpty()) {
      console
          .reporter()
          .warn(
              "the "
                  + resolved.architecture()
                  + " runtime image would carry development or GPG packages with no reason in"
                  + " the catalog's keptTooling: "
                  + String.join(", ", unexplained)
                  + " (the tests fail on them: find what pulls them in, or record which extension"
                  + " needs them at run time)");
    }
  }

  static List<String> drift(LockFile committed, LockFile resolved) {
    List<String> lines = new ArrayList<>();
    for (LockFile.Group g : LockFile.Group.values()) {
      Map<String, String> a = new TreeMap<>();
      Map<String, String> b = new TreeMap<>();
      committed.pins(g).forEach(pin -> a.put(pin.pkg(), pin.version()));
      resolved.pins(g).forEach(pin -> b.put(pin.pkg(), pin.version()));
      String group = "[" + g.name().toLowerCase(java.util.Locale.ROOT) + "] ";
      a.forEach(
          (pkg, v) -> {
            if (!b.containsKey(pkg)) {
              lines.add(group + pkg + ": locked " + v + ", no longer needed");
            } else if (!b.get(pkg).equals(v)) {
              lines.add(group + pkg + ": locked " + v + ", the archive now has " + b.get(pkg));
            }
          });
      b.forEach(
          (pkg, v) -> {
            if (!a.containsKey(pkg)) {
              lines.add(group + pkg + ": not locked, the archive has " + v);
            }
          });
    }
    return lines;
  }
}
