package io.azapg.image;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole lock file: one {@link LockFile} per architecture. The first architecture is the file as
 * it always was (header, {@code [archive]}, the groups); every further one follows under an {@code
 * [architecture NAME]} line with its own {@code [archive]} and groups, sharing the header's profile
 * and suite:
 *
 * <pre>
 * profile debian
 * suite forky
 * architecture amd64
 * [archive]
 * forky amd64 2026-10-30T08:08:01Z
 * [runtime]
 * postgresql-18 18.6-3 direct
 *
 * [architecture arm64]
 * [archive]
 * forky arm64 2026-10-30T08:08:01Z
 * [runtime]
 * postgresql-18 18.6-3 direct
 * </pre>
 *
 * This is the only place that reads or writes that layout.
 */
public record PackageLock(List<LockFile> architectures) {
  private static final Pattern ARCHITECTURE = Pattern.compile("\\[architecture\\s+(\\S+)\\s*]");

  public PackageLock {
    architectures = List.copyOf(architectures);
    if (architectures.isEmpty()) {
      throw new IllegalArgumentException("a package lock has at least one architecture");
    }
  }

  /** The first architecture: the one the committed Dockerfile and generated files come from. */
  public LockFile primary() {
    return architectures.get(0);
  }

  /** The lock of one Debian architecture ({@code amd64}, {@code arm64}), if it has one. */
  public Optional<LockFile> architecture(String arch) {
    return architectures.stream().filter(l -> l.architecture().equals(arch)).findFirst();
  }

  /** The locked Debian architectures, the primary first. */
  public List<String> architectureNames() {
    return architectures.stream().map(LockFile::architecture).toList();
  }

  /**
   * This lock with one architecture's section replaced (or added after the others); the primary
   * stays first and every other section keeps its text.
   */
  public PackageLock with(LockFile lock) {
    List<LockFile> next = new ArrayList<>(architectures);
    int at = architectureNames().indexOf(lock.architecture());
    if (at >= 0) {
      next.set(at, lock);
    } else {
      next.add(lock);
      next.subList(1, next.size()).sort(Comparator.comparing(LockFile::architecture));
    }
    return new PackageLock(next);
  }

  /** The file's text. */
  public String render() {
    StringBuilder sb = new StringBuilder(primary().render());
    for (LockFile other : architectures.subList(1, architectures.size())) {
      sb.append("\n[architecture ")
          .append(other.architecture())
          .append("]\n")
          .append("# the sections below, up to the next [architecture], lock ")
          .append(other.architecture())
          .append('\n')
          .append(other.renderSections());
    }
    return sb.toString();
  }

  /** Parses the file's text; {@code origin} names it in errors (with line numbers). */
  public static PackageLock parse(String text, String origin) {
    String[] lines = text.split("\n", -1);
    List<Integer> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher m = ARCHITECTURE.matcher(lines[i].strip());
      if (m.matches()) {
        starts.add(i);
        names.add(m.group(1));
      }
    }
    int primaryEnd = starts.isEmpty() ? lines.length : starts.get(0);
    LockFile primary = LockFile.parse(join(lines, 0, primaryEnd), origin, 0, Map.of());
    List<LockFile> all = new ArrayList<>(List.of(primary));
    for (int k = 0; k < starts.size(); k++) {
      String arch = names.get(k);
      int from = starts.get(k) + 1;
      int to = k + 1 < starts.size() ? starts.get(k + 1) : lines.length;
      if (all.stream().anyMatch(l -> l.architecture().equals(arch))) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            origin + ":" + from + ": architecture " + arch + " is locked twice",
            List.of("regenerate it with 'aza-pg lock --arch " + arch + "'"));
      }
      LockFile section =
          LockFile.parse(
              join(lines, from, to),
              origin,
              from,
              Map.of("profile", primary.profile(), "suite", primary.suite(), "architecture", arch));
      if (!section.architecture().equals(arch)
          || !section.profile().equals(primary.profile())
          || !section.suite().equals(primary.suite())) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            origin
                + ":"
                + from
                + ": [architecture "
                + arch
                + "] must share the header's profile and suite and lock "
                + arch,
            List.of("regenerate it with 'aza-pg lock --arch " + arch + "'"));
      }
      all.add(section);
    }
    return new PackageLock(all);
  }

  private static String join(String[] lines, int from, int to) {
    return String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
  }
}
