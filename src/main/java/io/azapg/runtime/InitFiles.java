package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the init files in {@code /docker-entrypoint-initdb.d}: every entry of the directory (not
 * recursive), sorted by name in byte order (the C locale; the official image sorts by the glob's
 * locale, which only differs for names that mix case or punctuation), each with its kind.
 */
public final class InitFiles {
  /** The official image's init directory. */
  public static final Path DEFAULT_DIR = Path.of("/docker-entrypoint-initdb.d");

  private InitFiles() {}

  /**
   * Lists the init files of a directory.
   *
   * @param dir the directory; a missing directory has no files
   * @param uid the user the files will run as (decides whether a .sh is executable for it)
   * @param gid that user's primary group
   */
  public static List<InitFile> scan(Path dir, int uid, int gid) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = new ArrayList<>(list.toList());
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot list " + dir + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
          List.of("the init directory must be readable by the server's user"));
    }
    entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
    List<InitFile> files = new ArrayList<>();
    for (Path p : entries) {
      files.add(new InitFile(p, kindOf(p, uid, gid)));
    }
    return files;
  }

  /** The kind of one file. */
  static InitFile.Kind kindOf(Path path, int uid, int gid) {
    String name = path.getFileName().toString();
    if (Files.isDirectory(path)) {
      return InitFile.Kind.IGNORED;
    }
    if (name.endsWith(".sh")) {
      return executableFor(path, uid, gid) ? InitFile.Kind.RUN : InitFile.Kind.SOURCE;
    }
    if (name.endsWith(".sql")) {
      return InitFile.Kind.SQL;
    }
    if (name.endsWith(".sql.gz")) {
      return InitFile.Kind.SQL_GZ;
    }
    if (name.endsWith(".sql.xz")) {
      return InitFile.Kind.SQL_XZ;
    }
    if (name.endsWith(".sql.zst")) {
      return InitFile.Kind.SQL_ZST;
    }
    return InitFile.Kind.IGNORED;
  }

  /** Whether the mode bits let this uid/gid execute the file (root: any execute bit). */
  static boolean executableFor(Path path, int uid, int gid) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      if (uid == 0) {
        return perms.contains(PosixFilePermission.OWNER_EXECUTE)
            || perms.contains(PosixFilePermission.GROUP_EXECUTE)
            || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
      }
      int owner = (Integer) Files.getAttribute(path, "unix:uid");
      int group = (Integer) Files.getAttribute(path, "unix:gid");
      if (owner == uid) {
        return perms.contains(PosixFilePermission.OWNER_EXECUTE);
      }
      if (group == gid) {
        return perms.contains(PosixFilePermission.GROUP_EXECUTE);
      }
      return perms.contains(PosixFilePermission.OTHERS_EXECUTE);
    } catch (IOException | UnsupportedOperationException e) {
      return Files.isExecutable(path);
    }
  }
}
