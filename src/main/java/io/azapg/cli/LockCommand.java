package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.GeneratedFiles;
import io.azapg.image.ImageFiles;
import io.azapg.image.ImageProfile;
import io.azapg.image.LockFile;
import io.azapg.image.LockResolver;
import io.azapg.image.RuntimeTooling;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg lock}: resolve the exact package versions into the committed lock file. */
@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    description = "Resolve the exact Debian version of every package the image installs.")
final class LockCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin ImageOptions imageOptions;

  @Option(names = "--check", description = "Write nothing; fail (exit 1) listing every drift.")
  boolean check;

  LockCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    ImageProfile p = imageOptions.profile();
    Catalog catalog = imageOptions.catalog();
    Path root = Project.root();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    String base = imageOptions.ensureBase(engine, runner, console);
    LockFile resolved = new LockResolver(engine, console.reporter()).resolve(catalog, p, base);
    if (check) {
      LockFile committed =
          ImageFiles.readLock(root, p)
              .orElseThrow(
                  () ->
                      new AzaPgException(
                          ExitCode.CHECK_FAILED,
                          p.lockFile() + " does not exist",
                          List.of("run './aza-pg lock'")));
      List<String> drift = drift(committed, resolved);
      if (!drift.isEmpty()) {
        drift.forEach(console.err()::println);
        throw new AzaPgException(
            ExitCode.CHECK_FAILED,
            p.lockFile()
                + " has drifted from the archive and catalog ("
                + drift.size()
                + " difference(s))",
            List.of("review the lines above, then run './aza-pg lock' and commit the result"));
      }
      console.reporter().info(p.lockFile() + " matches what the archive resolves today");
      return 0;
    }
    List<String> unexplained =
        RuntimeTooling.unexplained(RuntimeTooling.runtimePackages(resolved), catalog);
    if (!unexplained.isEmpty()) {
      console
          .reporter()
          .warn(
              "the runtime image would carry development or GPG packages with no reason in the"
                  + " catalog's keptTooling: "
                  + String.join(", ", unexplained)
                  + " (the tests fail on them: find what pulls them in, or record which extension"
                  + " needs them at run time)");
    }
    new GeneratedFiles(root).write(List.of(new GeneratedFile(p.lockFile(), resolved.render())));
    console.out().println(p.lockFile());
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
    return 0;
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
