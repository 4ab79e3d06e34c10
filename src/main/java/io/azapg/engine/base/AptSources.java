package io.azapg.engine.base;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.TextFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the host's apt sources the way apt does ({@code sources.list}, then {@code
 * sources.list.d/*.list} and {@code *.sources} in name order) and finds its Debian mirror.
 */
public final class AptSources {
  private AptSources() {}

  /**
   * The host's Debian mirror: the first URI that serves a Debian suite with component main.
   *
   * @param aptDir the apt configuration directory, normally {@code /etc/apt}
   * @throws AzaPgException (invalid input) when no source qualifies, saying how to pass one
   */
  public static String debianMirror(Path aptDir) {
    List<AptSource> sources = read(aptDir);
    return sources.stream()
        .map(AptSource::debianMainUri)
        .flatMap(Optional::stream)
        .findFirst()
        .orElseThrow(
            () ->
                new AzaPgException(
                    ExitCode.INVALID_INPUT,
                    "no Debian mirror found in "
                        + aptDir
                        + " ("
                        + sources.size()
                        + " apt sources read, none serves a Debian suite with component main)",
                    List.of("pass one with --mirror, e.g. --mirror http://deb.debian.org/debian")));
  }

  /** Every source entry under the apt directory, in the order apt reads them. */
  public static List<AptSource> read(Path aptDir) {
    List<AptSource> sources = new ArrayList<>();
    Path list = aptDir.resolve("sources.list");
    if (Files.isRegularFile(list)) {
      sources.addAll(parseOneLine(new TextFile(list).read(), list.toString()));
    }
    Path dir = aptDir.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".list")) {
            sources.addAll(parseOneLine(new TextFile(file).read(), file.toString()));
          } else if (name.endsWith(".sources")) {
            sources.addAll(parseDeb822(new TextFile(file).read(), file.toString()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    return sources;
  }

  /** Parses one-line format: {@code deb [opt=val ...] uri suite [component...]}, # comments. */
  public static List<AptSource> parseOneLine(String text, String origin) {
    List<AptSource> sources = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.replaceAll("#.*", "").replaceAll("\\[[^]]*]", " ").trim();
      List<String> words = Arrays.asList(line.split("\\s+"));
      if (words.size() >= 3 && (words.get(0).equals("deb") || words.get(0).equals("deb-src"))) {
        sources.add(
            new AptSource(
                List.of(words.get(0)),
                List.of(words.get(1)),
                List.of(words.get(2)),
                words.subList(3, words.size()),
                true,
                origin));
      }
    }
    return sources;
  }

  /** Parses deb822 format: stanzas of {@code Field: value} separated by blank lines. */
  public static List<AptSource> parseDeb822(String text, String origin) {
    List<AptSource> sources = new ArrayList<>();
    Map<String, String> fields = new HashMap<>();
    String last = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        if (!fields.isEmpty()) {
          sources.add(stanza(fields, origin));
          fields.clear();
        }
        last = null;
      } else if (Character.isWhitespace(line.charAt(0)) && last != null) {
        fields.merge(last, " " + line.trim(), String::concat);
      } else if (line.indexOf(':') > 0) {
        last = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
        fields.put(last, line.substring(line.indexOf(':') + 1).trim());
      }
    }
    if (!fields.isEmpty()) {
      sources.add(stanza(fields, origin));
    }
    return sources;
  }

  private static AptSource stanza(Map<String, String> fields, String origin) {
    String enabled = fields.getOrDefault("enabled", "yes").trim().toLowerCase(Locale.ROOT);
    return new AptSource(
        words(fields.get("types")),
        words(fields.get("uris")),
        words(fields.get("suites")),
        words(fields.get("components")),
        !enabled.equals("no") && !enabled.equals("false"),
        origin);
  }

  private static List<String> words(@Nullable String value) {
    return Optional.ofNullable(value)
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .map(v -> List.of(v.split("\\s+")))
        .orElse(List.of());
  }
}
