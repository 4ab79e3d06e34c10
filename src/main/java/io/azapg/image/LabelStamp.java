package io.azapg.image;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a build's stamp (version, revision, created, base) into the staged Dockerfile's {@code
 * LABEL} step as literal text instead of leaving it to {@code --build-arg}.
 *
 * <p>Why: Buildah's layer cache keys a {@code LABEL} (and {@code ENV}) step on the instruction's
 * text, not on the values of the build arguments it expands (containers/buildah#5501,
 * podman#10340). A commit that leaves every image input unchanged would then reuse the previous
 * commit's label layer, and the image tagged with the new version would still say the old version,
 * revision and time (and so would a release index built from those labels). With the values in the
 * text, only that last, empty layer is rebuilt when they change; building the same commit twice is
 * still a full cache hit.
 */
final class LabelStamp {
  private LabelStamp() {}

  /** Replaces each {@code "${NAME}"} of {@code values} in the Dockerfile at {@code dockerfile}. */
  static void apply(Path dockerfile, Map<String, String> values) {
    try {
      String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
      Files.writeString(dockerfile, stamp(text, values), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String stamp(String dockerfile, Map<String, String> values) {
    String out = dockerfile;
    for (Map.Entry<String, String> v : values.entrySet()) {
      String placeholder = "\"${" + v.getKey() + "}\"";
      if (!out.contains(placeholder)) {
        throw new AzaPgException(
            ExitCode.INTERNAL,
            "the staged Dockerfile has no " + placeholder + " label value to stamp",
            List.of("regenerate the image files with './aza-pg generate'"));
      }
      out = out.replace(placeholder, quoted(v.getValue()));
    }
    return out;
  }

  /** A Dockerfile double-quoted word: backslash, quote and dollar escaped, no line breaks. */
  static String quoted(String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "a label value contains a line break: " + value.strip(),
          List.of("label values are single lines; check the base image name and the git state"));
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '\\' || c == '"' || c == '$') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }
}
