package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the CLI, run as a user runs it (the jar in the project directory): every case must
 * be refused with a message naming the input and the fix, a non-zero exit other than 70, nothing on
 * stdout, no stack trace, the planted password nowhere in the output, and the lock, the catalog and
 * the node's state directory (its password file) byte for byte as before. Each case prints what it
 * tried. None of them builds an image or starts a container: a refusal comes first.
 */
class CliFaultsIT {
  private static final String NODE = "fault-cli-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String SECRET = "Planted-Cli-Secret-" + UUID.randomUUID();
  private static final Duration QUICK = Duration.ofMinutes(2);

  @TempDir static Path dir;
  private static Path state;

  @BeforeAll
  static void plantANode() throws IOException {
    state = AzaPg.projectDir().resolve(".aza-pg").resolve(NODE);
    Files.createDirectories(state);
    Path password =
        Files.createFile(
            state.resolve("postgres-password"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(password, SECRET + "\n");
  }

  @AfterAll
  static void removeTheNode() throws IOException {
    try (Stream<Path> walk = Files.walk(state)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** One refusal: the arguments, the exit code and the parts of the message. */
  private record Case(String tried, List<String> args, int exit, List<String> message) {}

  private static Case refused(int exit, String message, String... args) {
    return new Case(String.join(" ", args), List.of(args), exit, List.of(message));
  }

  private static Case refused(int exit, List<String> message, String... args) {
    return new Case(String.join(" ", args), List.of(args), exit, message);
  }

  private static Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String catalog() throws IOException {
    return Files.readString(AzaPg.projectDir().resolve("catalog/extensions.json"));
  }

  @TestFactory
  Stream<DynamicTest> badInput_isRefusedWithItsName_andChangesNothing() throws IOException {
    String truncated = catalog().substring(0, catalog().length() / 2);
    Path half = file("truncated.json", truncated);
    Path notJson = file("not-json.json", "extensions: [vector]\n");
    Path empty = file("empty.json", "");
    Path badKind =
        file(
            "bad-kind.json",
            catalog().replaceFirst("\"kind\": \"extension\"", "\"kind\": \"plugin\""));
    Path unknownDependency =
        file(
            "unknown-dependency.json",
            catalog()
                .replaceFirst("\"dependencies\": \\[\\]", "\"dependencies\": [\"no_such_ext\"]"));
    Path missing = dir.resolve("no-such-catalog.json");
    String name = "--name";
    List<Case> cases = new ArrayList<>();
    // CLI limits: impossible memory and CPUs, ports, names, databases
    cases.add(
        refused(
            3,
            List.of("--memory '1XB' is not a memory size", "512MB"),
            "up",
            name,
            NODE,
            "--memory",
            "1XB"));
    cases.add(
        refused(
            3,
            List.of("--memory 0 MiB is below the 512 MiB", "--memory 1GB"),
            "up",
            name,
            NODE,
            "--memory",
            "0"));
    cases.add(
        refused(
            3,
            List.of("--memory 128 MiB is below", "--memory 1GB"),
            "up",
            name,
            NODE,
            "--memory",
            "128MB"));
    cases.add(
        refused(
            3,
            List.of("is more than this machine has", "at most the machine's memory"),
            "up",
            name,
            NODE,
            "--memory",
            "900TB"));
    cases.add(refused(3, "larger than 1 PiB", "up", name, NODE, "--memory", "2048TB"));
    cases.add(
        refused(
            3,
            List.of("--cpus 0 is not a CPU limit", "--cpus 1"),
            "up",
            name,
            NODE,
            "--cpus",
            "0"));
    cases.add(
        refused(
            3,
            List.of("--cpus 4096 is more than this machine's", "at most --cpus"),
            "up",
            name,
            NODE,
            "--cpus",
            "4096"));
    cases.add(refused(2, "--cpus", "up", name, NODE, "--cpus", "two"));
    cases.add(
        refused(
            3,
            List.of("--port 0 is not a TCP port", "1 to 65535"),
            "up",
            name,
            NODE,
            "--port",
            "0"));
    cases.add(
        refused(
            3,
            List.of("--port 70000 is not a TCP port", "1 to 65535"),
            "up",
            name,
            NODE,
            "--port",
            "70000"));
    cases.add(refused(2, "--port", "up", name, NODE, "--port", "http"));
    cases.add(
        refused(3, List.of("invalid name \"../etc\"", "--name aza-pg"), "up", name, "../etc"));
    cases.add(refused(3, List.of("invalid name \"a b\"", "--name aza-pg"), "up", name, "a b"));
    cases.add(
        refused(
            3,
            List.of("--database \"\" is not a database name", "--database app"),
            "up",
            name,
            NODE,
            "--database",
            ""));
    cases.add(
        refused(
            3,
            List.of("--database \"" + "d".repeat(64) + "\" is not a database name", "63 bytes"),
            "up",
            name,
            NODE,
            "--database",
            "d".repeat(64)));
    cases.add(
        refused(
            3,
            List.of("--database \"a\\x0ab\" is not a database name"),
            "up",
            name,
            NODE,
            "--database",
            "a\nb"));
    // conflicting options
    cases.add(
        refused(
            2, List.of("--set memory=2GB needs --stack"), "up", name, NODE, "--set", "memory=2GB"));
    cases.add(
        refused(
            2,
            List.of("--show-password is for the single node"),
            "up",
            "--stack",
            "primary",
            name,
            "fault-cli-stack",
            "--show-password"));
    // stacks: names and networks
    cases.add(
        refused(
            3,
            List.of("--stack \"nosuch\" is not a stack", "primary, replica or single"),
            "up",
            "--stack",
            "nosuch"));
    cases.add(
        refused(
            3,
            List.of("--name Bad_Name is not a Compose project name", "lower-case"),
            "up",
            "--stack",
            "primary",
            name,
            "Bad_Name"));
    cases.add(
        refused(
            3,
            List.of("--name x/y is not a Compose project name"),
            "down",
            "--stack",
            "primary",
            name,
            "x/y"));
    cases.add(
        refused(
            3,
            List.of(
                "--set primary=fault-no-such-primary: no primary stack of that name is running",
                "up --stack primary --name fault-no-such-primary"),
            "up",
            "--stack",
            "replica",
            name,
            "fault-cli-replica",
            "--set",
            "primary=fault-no-such-primary"));
    cases.add(
        refused(
            3,
            List.of("memory"),
            "up",
            "--stack",
            "single",
            name,
            "fault-cli-single",
            "--set",
            "memory=lots"));
    cases.add(
        refused(
            3,
            List.of("no_such_option"),
            "up",
            "--stack",
            "single",
            name,
            "fault-cli-single",
            "--set",
            "no_such_option=1"));
    cases.add(
        refused(
            3,
            List.of("memory"),
            "stack",
            "render",
            "single",
            "--dir",
            dir.resolve("rendered").toString(),
            "--set",
            "memory=lots"));
    // tune: impossible limits
    cases.add(
        refused(
            3, List.of("below the 512 MiB minimum"), "tune", "--memory", "100MB", "--cpus", "1"));
    cases.add(
        refused(
            3, List.of("--cpus '0' is not a CPU count"), "tune", "--memory", "1GB", "--cpus", "0"));
    cases.add(
        refused(
            3,
            List.of("--workload 'webscale' is not a workload", "web, oltp, dw, mixed"),
            "tune",
            "--memory",
            "1GB",
            "--cpus",
            "1",
            "--workload",
            "webscale"));
    cases.add(
        refused(
            3,
            List.of("--storage 'floppy'"),
            "tune",
            "--memory",
            "1GB",
            "--cpus",
            "1",
            "--storage",
            "floppy"));
    // catalog files
    cases.add(
        refused(
            3,
            List.of(half + " is not a valid catalog", "not valid JSON"),
            "catalog",
            "validate",
            half.toString()));
    cases.add(
        refused(
            3,
            List.of(notJson + " is not a valid catalog", "not valid JSON"),
            "catalog",
            "validate",
            notJson.toString()));
    cases.add(
        refused(
            3,
            List.of(empty + " is not a valid catalog", "the file is empty"),
            "catalog",
            "validate",
            empty.toString()));
    cases.add(
        refused(
            3,
            List.of(badKind + " is not a valid catalog", "kind"),
            "catalog",
            "validate",
            badKind.toString()));
    cases.add(
        refused(
            3,
            List.of(unknownDependency + " is not a valid catalog", "no_such_ext"),
            "catalog",
            "validate",
            unknownDependency.toString()));
    cases.add(
        refused(
            3,
            List.of("catalog file " + missing + " does not exist", "hint:"),
            "catalog",
            "validate",
            missing.toString()));
    cases.add(
        refused(
            3,
            List.of("cannot read catalog file " + dir, "Is a directory"),
            "catalog",
            "validate",
            dir.toString()));
    cases.add(
        refused(
            3,
            List.of("no catalog entry named \"no_such_ext\"", "catalog list"),
            "catalog",
            "show",
            "no_such_ext"));
    cases.add(
        refused(
            3, List.of(half + " is not a valid catalog"), "lock", "--catalog", half.toString()));
    cases.add(
        refused(
            3,
            List.of(notJson + " is not a valid catalog"),
            "build",
            "--catalog",
            notJson.toString()));
    // nodes that do not exist
    cases.add(
        refused(
            4,
            List.of("node fault-cli-absent is not running", "./aza-pg up"),
            "psql",
            name,
            "fault-cli-absent"));
    cases.add(
        refused(
            3,
            List.of("no container named fault-cli-absent", "aza-pg up"),
            "diagnose",
            "fault-cli-absent"));

    Path lock = AzaPg.projectDir().resolve("image/packages.lock");
    Path projectCatalog = AzaPg.projectDir().resolve("catalog/extensions.json");
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.tried(),
                    () -> {
                      Guard guard =
                          Guard.of(SECRET, lock, projectCatalog, state, dir.resolve("rendered"));
                      ProcessResult r = AzaPg.run(QUICK, c.args().toArray(String[]::new));
                      guard.assertRefused(c.tried(), r, c.exit(), c.message());
                      assertThat(r.stdout()).as("stdout of a refusal: %s", c.tried()).isEmpty();
                    }));
  }

  /**
   * A damaged lock file, in a copy of the project (the real lock is never touched): the build names
   * the file, the line and the fix, and the damaged file stays as it was.
   */
  @TestFactory
  Stream<DynamicTest> damagedLock_isNamedWithItsLine_andLeftAsItWas() throws IOException {
    String lock = Files.readString(AzaPg.projectDir().resolve("image/packages.lock"));
    // Cut at a line end a third of the way in: what is left parses, but locks too little.
    int lineEnd = lock.indexOf('\n', lock.length() / 3) + 1;
    // Cut inside the next "package version" line, after the name: that line no longer parses.
    int packageLine = lineEnd;
    while (lock.startsWith("[", packageLine)
        || lock.startsWith("#", packageLine)
        || lock.indexOf(' ', packageLine) > lock.indexOf('\n', packageLine)) {
      packageLine = lock.indexOf('\n', packageLine) + 1;
    }
    int insideLine = lock.indexOf(' ', packageLine);
    return Stream.of(
            new String[] {
              "an image/packages.lock truncated at a line end",
              lock.substring(0, lineEnd),
              "image/packages.lock does not lock"
            },
            new String[] {
              "an image/packages.lock truncated inside a line",
              lock.substring(0, insideLine),
              "image/packages.lock:" + (lock.substring(0, packageLine).lines().count() + 1) + ":"
            },
            new String[] {
              "an image/packages.lock without its header",
              "garbage line\n",
              "missing \"profile\" line"
            })
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c[0],
                    () -> {
                      Path home = Files.createDirectories(dir.resolve("home-" + UUID.randomUUID()));
                      Files.createDirectories(home.resolve("catalog"));
                      Files.copy(
                          AzaPg.projectDir().resolve("catalog/extensions.json"),
                          home.resolve("catalog/extensions.json"));
                      Path damaged =
                          Files.writeString(
                              Files.createDirectories(home.resolve("image"))
                                  .resolve("packages.lock"),
                              c[1]);
                      Guard guard = Guard.of(SECRET, damaged, state);
                      ProcessResult r =
                          AzaPg.run(
                              QUICK, java.util.Map.of("AZA_PG_HOME", home.toString()), "build");
                      guard.assertRefused("build with " + c[0], r, 3, List.of(c[2], "aza-pg lock"));
                      assertThat(r.stdout()).isEmpty();
                    }));
  }
}
