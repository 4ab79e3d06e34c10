package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.compose.StackKind;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which stack, under which Compose project, with its files where: {@code <state>/stacks/<project>/}
 * holds the rendered compose.yaml and configs, what the stack was started with ({@code
 * stack.properties}) and the password files ({@code secrets/}, 0700).
 *
 * @param kind primary, replica or single
 * @param project the Compose project name (containers {@code <project>-<service>-1})
 * @param stateDir the project's directory of the state root
 */
public record StackSpec(StackKind kind, String project, Path stateDir) {
  private static final Pattern SECRET_FILE =
      Pattern.compile("(?m)^\\s+file:\\s*\"?([^\"\\n]+?)\"?\\s*$");
  private static final Pattern PROJECT = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");

  public StackSpec {
    if (!PROJECT.matcher(project).matches()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--name " + project + " is not a Compose project name",
          List.of(
              "use lower-case letters, digits, '-' and '_' (up to 63), e.g. --name aza-pg-primary"));
    }
  }

  /** A stack's spec under the state root ({@code .aza-pg} of the project). */
  public static StackSpec of(StackKind kind, String project, Path stateRoot) {
    return new StackSpec(kind, project, stateRoot.resolve("stacks").resolve(project));
  }

  public Path composeFile() {
    return stateDir.resolve("compose.yaml");
  }

  public Path secretsDir() {
    return stateDir.resolve("secrets");
  }

  /**
   * Every password file the rendered compose file names (a replica's are its primary's), every
   * other file in their directories and in the stack's own secrets directory; empty before the
   * first {@code up}.
   */
  public List<Path> secretFiles() {
    List<Path> files = new java.util.ArrayList<>();
    try {
      if (java.nio.file.Files.isRegularFile(composeFile())) {
        java.util.regex.Matcher m =
            SECRET_FILE.matcher(java.nio.file.Files.readString(composeFile()));
        while (m.find()) {
          String value = m.group(1).replaceAll("\\$\\{[^}:]*:-([^}]*)}", "$1");
          files.add(stateDir.resolve(value).normalize());
        }
      }
      // every password kept next to the ones it names (a replica's primary's other passwords
      // too), and the stack's own directory
      List<Path> dirs = new java.util.ArrayList<>();
      files.forEach(f -> dirs.add(f.getParent()));
      dirs.add(secretsDir());
      for (Path dir : dirs.stream().distinct().toList()) {
        if (dir != null && java.nio.file.Files.isDirectory(dir)) {
          try (java.util.stream.Stream<Path> own = java.nio.file.Files.list(dir)) {
            own.filter(java.nio.file.Files::isRegularFile).sorted().forEach(files::add);
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot read " + stateDir + ": " + e.getMessage());
    }
    return files.stream().distinct().toList();
  }

  /** The named volume that holds PostgreSQL's data. */
  public String dataVolume() {
    return project + "_data";
  }

  /** The named volume of pgBackRest's repository (a stack with wal-archive=on). */
  public String repoVolume() {
    return project + "_" + io.azapg.generate.compose.PgBackRestConf.VOLUME;
  }

  /** The service that runs PostgreSQL. */
  public String serverService() {
    return kind == StackKind.REPLICA ? "replica" : "postgres";
  }

  /** The services in start order: each group starts once the one before is healthy. */
  public List<List<String>> startOrder() {
    return switch (kind) {
      case PRIMARY ->
          List.of(
              List.of("postgres"),
              List.of("pgbouncer", "postgres-exporter"),
              List.of("pgbouncer-exporter"));
      case REPLICA -> List.of(List.of("replica"), List.of("postgres-exporter"));
      case SINGLE -> List.of(List.of("postgres"), List.of("postgres-exporter"));
    };
  }

  /** The options the stack was last started with; empty when it never was. */
  public java.util.Optional<io.azapg.generate.compose.StackOptions> recorded() {
    return StackState.read(stateDir);
  }
}
