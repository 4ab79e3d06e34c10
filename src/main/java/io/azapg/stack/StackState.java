package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.compose.StackKind;
import io.azapg.generate.compose.StackOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a stack was last started with ({@code stack.properties}: its kind and the options set
 * explicitly), so the next {@code up} keeps them and knows what changed.
 */
final class StackState {
  static final String FILE = "stack.properties";

  private StackState() {}

  /** The recorded options, if this project was started before. */
  static Optional<StackOptions> read(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      StackKind kind = null;
      List<String> assignments = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf('=');
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1);
        if (key.equals("kind")) {
          kind = StackKind.parse(value, file.toString());
        } else {
          assignments.add(key + "=" + value);
        }
      }
      if (kind == null) {
        throw new AzaPgException(ExitCode.INVALID_INPUT, file + " names no kind");
      }
      return Optional.of(StackOptions.defaults(kind).with(assignments));
    } catch (IOException | RuntimeException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot read " + file + ": " + e.getMessage(),
          List.of(
              "it records the options the stack was started with; restore it or remove the"
                  + " stack with 'aza-pg down --stack ... --volumes'"));
    }
  }

  static void write(Path stateDir, StackOptions options) {
    StringBuilder sb =
        new StringBuilder("# aza-pg: the options this stack was last started with\n")
            .append("kind=")
            .append(options.kind().id())
            .append('\n');
    for (Map.Entry<String, String> e : options.explicit().entrySet()) {
      sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    try {
      Files.createDirectories(stateDir);
      Path tmp = Files.createTempFile(stateDir, ".stack-", ".tmp");
      Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          stateDir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot write " + stateDir.resolve(FILE) + ": " + e.getMessage());
    }
  }
}
