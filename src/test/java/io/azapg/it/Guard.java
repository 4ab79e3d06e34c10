package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a bad-input case must leave alone, and what it must never print: a fingerprint of files and
 * directory trees (each entry's path, type, mode, owner and content hash; a symbolic link by its
 * target, never followed) taken before and compared after, and a planted secret searched for in
 * every output.
 */
public final class Guard {
  private final List<Path> roots;
  private final String secret;
  private final Map<String, String> before;

  private Guard(List<Path> roots, String secret) {
    this.roots = roots;
    this.secret = secret;
    this.before = fingerprint(roots);
  }

  /** Fingerprints the roots now; a root that does not exist must still not exist afterwards. */
  public static Guard of(String secret, Path... roots) {
    return new Guard(List.of(roots), secret);
  }

  /**
   * Prints what was tried and the outcome, then checks the contract of a refusal: the exit code,
   * the message, nothing on stdout, no stack trace, no secret, and every guarded file unchanged.
   */
  public void assertRefused(
      String tried, ProcessResult r, int exitCode, List<String> messageParts) {
    String out = r.stdout() + r.stderr();
    System.out.printf(
        java.util.Locale.ROOT,
        "fault case: tried %s -> exit %d: %s%n",
        tried,
        r.exitCode(),
        firstErrorLine(r.stderr()));
    assertThat(r.exitCode()).as("exit code of: %s%n%s", tried, out).isEqualTo(exitCode);
    assertThat(r.exitCode()).as("exit 70 is for bugs only").isNotEqualTo(70);
    for (String part : messageParts) {
      assertThat(r.stderr()).as("the message of: %s", tried).contains(part);
    }
    assertThat(out).as("a stack trace in: %s", tried).doesNotContain("\tat ");
    assertNoSecret(tried, out);
    assertUnchanged(tried);
  }

  /** The planted secret appears nowhere in the text. */
  public void assertNoSecret(String tried, String text) {
    assertThat(text).as("the planted secret leaked from: %s", tried).doesNotContain(secret);
  }

  /** Every guarded file and tree is as it was. */
  public void assertUnchanged(String tried) {
    assertThat(fingerprint(roots)).as("files changed by: %s", tried).isEqualTo(before);
  }

  public static String firstErrorLine(String stderr) {
    List<String> lines = stderr.lines().toList();
    return lines.stream()
        .filter(l -> l.startsWith("aza-pg: error"))
        .findFirst()
        .or(() -> lines.stream().filter(l -> l.contains("FATAL")).findFirst())
        .or(() -> lines.stream().filter(l -> l.startsWith("aza-pg:")).findFirst())
        .or(() -> lines.stream().reduce((a, b) -> b))
        .orElse("(no output)");
  }

  /** path → type, mode, owner and content hash of everything under the roots. */
  public static Map<String, String> fingerprint(List<Path> roots) {
    Map<String, String> all = new TreeMap<>();
    for (Path root : roots) {
      if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
        all.put(root.toString(), "absent");
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.toList()) {
          all.put(p.toString(), describe(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  private static String describe(Path p) {
    try {
      Map<String, Object> a =
          Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
      String meta =
          Integer.toOctalString((Integer) a.get("mode")) + " " + a.get("uid") + ":" + a.get("gid");
      if (Files.isSymbolicLink(p)) {
        return "link " + Files.readSymbolicLink(p) + " " + meta;
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return "dir " + meta;
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return "file " + meta + " " + HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
