package io.azapg.tune.detect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * This process's cgroups as seen from where it runs: the version of the hierarchy and, per
 * controller, the directories from its own cgroup up to the mount root. Inside a container the path
 * in /proc/self/cgroup may not exist under the mount (the mount is the container's own cgroup
 * then), so the mount root stands in for it.
 */
final class Cgroups {
  /** The cgroup hierarchy in use. */
  enum Version {
    V1,
    V2,
    NONE
  }

  private final Path root;
  private final List<String> membership;
  private final Version version;

  private Cgroups(Path root, List<String> membership, Version version) {
    this.root = root;
    this.membership = membership;
    this.version = version;
  }

  static Cgroups locate(HostPaths paths) {
    Path root = paths.cgroupRoot();
    List<String> membership = new PseudoFile(paths.proc().resolve("self/cgroup")).lines();
    Version version =
        Files.isRegularFile(root.resolve("cgroup.controllers"))
            ? Version.V2
            : Files.isDirectory(root.resolve("memory")) || hasV1Controller(root)
                ? Version.V1
                : Version.NONE;
    return new Cgroups(root, membership, version);
  }

  private static boolean hasV1Controller(Path root) {
    return controllerMount(root, "cpu").isPresent() || controllerMount(root, "cpuset").isPresent();
  }

  Version version() {
    return version;
  }

  /**
   * The directories to read a controller's files from: this process's cgroup first, then each
   * parent up to the mount root, because a parent's limit binds its children too.
   */
  List<Path> chain(String controller) {
    Optional<Path> mount =
        version == Version.V2 ? Optional.of(root) : controllerMount(root, controller);
    if (mount.isEmpty()) {
      return List.of();
    }
    Path own = mount.get();
    Optional<String> path = ownPath(controller);
    if (path.isPresent()) {
      Path candidate = mount.get().resolve(path.get().replaceFirst("^/+", "")).normalize();
      if (candidate.startsWith(mount.get()) && Files.isDirectory(candidate)) {
        own = candidate;
      }
    }
    List<Path> chain = new ArrayList<>();
    for (Path dir = own; dir != null && dir.startsWith(mount.get()); dir = dir.getParent()) {
      chain.add(dir);
    }
    return chain;
  }

  /** The cgroup path of this process for a controller, from /proc/self/cgroup. */
  private Optional<String> ownPath(String controller) {
    for (String line : membership) {
      String[] parts = line.split(":", 3);
      if (parts.length < 3) {
        continue;
      }
      boolean match =
          version == Version.V2
              ? parts[0].equals("0") && parts[1].isEmpty()
              : Arrays.asList(parts[1].split(",")).contains(controller);
      if (match) {
        return Optional.of(parts[2].strip());
      }
    }
    return Optional.empty();
  }

  /** The v1 mount of a controller: {@code memory}, or a joint one such as {@code cpu,cpuacct}. */
  private static Optional<Path> controllerMount(Path root, String controller) {
    Path exact = root.resolve(controller);
    if (Files.isDirectory(exact)) {
      return Optional.of(exact);
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (Files.isDirectory(dir) && Arrays.asList(name.split(",")).contains(controller)) {
          return Optional.of(dir);
        }
      }
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
