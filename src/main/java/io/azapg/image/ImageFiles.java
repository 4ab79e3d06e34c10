package io.azapg.image;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.Generators;
import io.azapg.generate.ImageInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the catalog and a profile's lock file into the image's generated files. */
public final class ImageFiles {
  private static final Pattern UPSTREAM = Pattern.compile("^(?:\\d+:)?(\\d+(?:\\.\\d+)?)");

  private ImageFiles() {}

  /**
   * Reads a profile's lock file's primary architecture (the one the committed generated files come
   * from), if the file has been created.
   */
  public static Optional<LockFile> readLock(Path projectRoot, ImageProfile profile) {
    return readPackageLock(projectRoot, profile).map(PackageLock::primary);
  }

  /** Reads a profile's lock file with every architecture it locks, if it has been created. */
  public static Optional<PackageLock> readPackageLock(Path projectRoot, ImageProfile profile) {
    Path file = projectRoot.resolve(profile.lockFile());
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          PackageLock.parse(Files.readString(file, StandardCharsets.UTF_8), profile.lockFile()));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * The platforms ({@code os/arch}) a profile's lock resolves packages for: the ones that can be
   * built and published. Empty when the profile has no lock.
   */
  public static List<String> lockedPlatforms(Path projectRoot, ImageProfile profile) {
    return readPackageLock(projectRoot, profile)
        .map(lock -> lock.architectures().stream().map(Platforms::of).toList())
        .orElse(List.<String>of());
  }

  /**
   * Fails, naming the platform and the fix, when the profile's lock has no section for the
   * platform's architecture (or does not exist).
   */
  public static LockFile requireLockedPlatform(
      Path projectRoot, ImageProfile profile, String platform) {
    PackageLock lock =
        readPackageLock(projectRoot, profile)
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INVALID_INPUT,
                        profile.lockFile() + " does not exist",
                        List.of("run './aza-pg lock' and commit the file")));
    return Platforms.requireLock(platform, lock, profile.lockFile());
  }

  /** The PostgreSQL version a profile's lock installs, e.g. {@code 18.6}. */
  public static Optional<String> lockedPostgresVersion(
      Catalog catalog, Path projectRoot, ImageProfile profile) {
    return readLock(projectRoot, profile).map(l -> inputs(catalog, l, profile).postgresVersion());
  }

  /** The inputs the image generators need, from the lock. */
  public static ImageInputs inputs(Catalog catalog, LockFile lock, ImageProfile profile) {
    String server = "postgresql-" + catalog.postgresMajor();
    String version =
        lock.version(server)
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INVALID_INPUT,
                        profile.lockFile() + " does not lock " + server,
                        List.of("run 'aza-pg lock' to resolve it again")));
    return new ImageInputs(
        profile.id(),
        lock.suite(),
        postgresVersion(version),
        lock.aptPins(LockFile.Group.RUNTIME),
        lock.aptPins(LockFile.Group.EXTENSIONS),
        lock.aptPins(LockFile.Group.JRE),
        lock.aptPins(LockFile.Group.GITBUILD),
        lock.archive(lock.suite()).stream()
            .flatMap(a -> a.snapshotTimestamps().stream().map(t -> a.suite() + "/" + t))
            .toList());
  }

  /** {@code 18.6-3} → {@code 18.6}; {@code 1:18.6-1} → {@code 18.6}. */
  static String postgresVersion(String debianVersion) {
    Matcher m = UPSTREAM.matcher(debianVersion);
    if (!m.find()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot read a PostgreSQL version from \"" + debianVersion + "\"");
    }
    return m.group(1);
  }

  /**
   * Every generated file of the project: docs, the committed stacks, and for each profile that has
   * a lock file, its Dockerfile and the image's generated files.
   */
  public static List<GeneratedFile> all(Catalog catalog, Path projectRoot) {
    List<GeneratedFile> files = new ArrayList<>(Generators.docs(catalog));
    for (ImageProfile profile : ImageProfile.values()) {
      Optional<LockFile> lock = readLock(projectRoot, profile);
      if (lock.isEmpty()) {
        continue;
      }
      for (GeneratedFile f :
          Generators.image(catalog, inputs(catalog, lock.get(), profile), "image")) {
        files.add(
            f.path().equals("image/Dockerfile")
                ? new GeneratedFile(profile.dockerfile(), f.content())
                : f);
      }
    }
    files.addAll(Generators.stacks(catalog));
    return List.copyOf(files);
  }

  /** The generated files (paths relative to the root) that differ from what would be generated. */
  public static List<String> stale(Catalog catalog, Path projectRoot) {
    return new io.azapg.generate.GeneratedFiles(projectRoot).stale(all(catalog, projectRoot));
  }

  /** Checks that the lock covers every package the catalog and the image ask for by name. */
  public static List<String> missingFromLock(Catalog catalog, LockFile lock) {
    List<String> missing = new ArrayList<>();
    ImagePackages.all(catalog)
        .forEach(
            (group, names) -> {
              for (String name : names) {
                if (!lock.direct(group).contains(name)) {
                  missing.add(name + " (" + group.name().toLowerCase(java.util.Locale.ROOT) + ")");
                }
              }
            });
    missing.sort(null);
    return missing;
  }
}
