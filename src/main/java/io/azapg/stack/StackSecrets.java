package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stack's password files: generated on first use (0600 in a 0700 directory, never printed), and
 * never again once data exists. A file missing then is an error naming it: a new password would not
 * match the one the database was initialised with.
 */
final class StackSecrets {
  private StackSecrets() {}

  /**
   * Makes sure every secret the stack's compose.yaml names is there.
   *
   * @param dir the secrets directory (a replica's is its primary's)
   * @param required the secrets the stack reads
   * @param owned the secrets this stack may create (none for a replica)
   * @param firstUse whether the stack's data does not exist yet
   * @param fix how to start over, for the error
   */
  static void prepare(
      Path dir,
      List<String> required,
      List<String> owned,
      boolean firstUse,
      String fix,
      Reporter reporter) {
    SecretStore store = new SecretStore(dir);
    for (String name : required) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file) && size(file) > 0) {
        continue;
      }
      if (firstUse && owned.contains(name)) {
        store.ensure(name);
        reporter.debug("generated " + file + " (0600)");
        continue;
      }
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the secret file "
              + file
              + " is missing"
              + (owned.contains(name)
                  ? ": the stack's data was initialised with that password"
                  : ": the replica logs in with its primary's password"),
          List.of(
              "restore the file (one line, mode 0600) and run up again",
              owned.contains(name) ? "or start over (this deletes the data): " + fix : fix));
    }
    if (!owned.isEmpty()) {
      reporter.info("passwords: " + dir + " (0600 files, never printed)");
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
