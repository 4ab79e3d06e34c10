package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The check root makes before it creates or hands over a directory the server user may control: no
 * component of the path may be a symbolic link that a non-root user could have planted (a link not
 * owned by root, or in a directory that anyone but root can write). Links the image itself ships
 * ({@code /var/run -> /run}) pass; a volume where {@code 18 -> /etc} was planted does not, so root
 * never creates, chmods or chowns anything outside the volume on its behalf.
 */
final class TrustedPath {
  private TrustedPath() {}

  /**
   * Fails when {@code path} (absolute) passes through a link root must not follow.
   *
   * @param variable the variable that named the path, for the error
   */
  static void check(Path path, String variable) {
    Path absolute = path.toAbsolutePath().normalize();
    Path current = absolute.getRoot();
    for (Path name : absolute) {
      Path next = current.resolve(name);
      try {
        if (Files.isSymbolicLink(next)) {
          if (!trusted(next, current)) {
            throw new AzaPgException(
                ExitCode.INVALID_INPUT,
                variable
                    + "="
                    + absolute
                    + ": "
                    + next
                    + " is a symbolic link (to "
                    + Files.readSymbolicLink(next)
                    + ") that a non-root user could have made; root does not create, chmod or"
                    + " chown through it",
                List.of(
                    "replace the link with a real directory, or set "
                        + variable
                        + " to the real path (mount the volume there)"));
          }
          current = next.toRealPath();
        } else if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
          return;
        } else {
          current = next;
        }
      } catch (IOException e) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            variable + "=" + absolute + ": cannot inspect " + next + " (" + e.getMessage() + ")",
            List.of("check the volume's ownership and modes on the host"));
      }
    }
  }

  /** A link is trusted when root owns it and only root can write the directory holding it. */
  private static boolean trusted(Path link, Path parent) throws IOException {
    int linkOwner = (Integer) Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int parentOwner = (Integer) Files.getAttribute(parent, "unix:uid");
    int parentMode = (Integer) Files.getAttribute(parent, "unix:mode");
    return linkOwner == 0 && parentOwner == 0 && (parentMode & 0022) == 0;
  }
}
