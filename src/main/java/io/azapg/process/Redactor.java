package io.azapg.process;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets with {@code ***} in every text aza-pg shows: registered values anywhere, and the
 * value of any {@code NAME=value} whose name contains PASSWORD, SECRET or TOKEN. Thread-safe.
 */
public final class Redactor {
  /** What a secret is replaced with. */
  public static final String MASK = "***";

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i)[A-Z0-9_.-]*(PASSWORD|SECRET|TOKEN)[A-Z0-9_.-]*");
  // NAME=value where NAME is a whole token (the look-behind): linear in the text, where a pattern
  // free to start inside a long run of letters would be quadratic (a 64 KiB line of output).
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]++)=('[^']*'|\"[^\"]*\"|[^\\s'\"]+)");

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  /** True when a variable or option of this name holds a secret. */
  public static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** Registers a value to hide wherever it appears; blank values are ignored. */
  public void register(String secret) {
    if (secret != null && !secret.isBlank()) {
      secrets.add(secret);
    }
  }

  /** Registers the values of the variables whose names mark them as secrets. */
  public void registerSecretsOf(Map<String, String> env) {
    env.forEach(
        (name, value) -> {
          if (isSecretName(name)) {
            register(value);
          }
        });
  }

  /** Returns the text with every known secret and every secret assignment masked. */
  public String redact(String text) {
    String result = text;
    List<String> longestFirst =
        secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String secret : longestFirst) {
      result = result.replace(secret, MASK);
    }
    Matcher m = ASSIGNMENT.matcher(result);
    return m.replaceAll(
        match ->
            Matcher.quoteReplacement(
                isSecretName(match.group(1)) ? match.group(1) + "=" + MASK : match.group()));
  }

  /** Returns each argument redacted. */
  public List<String> redact(List<String> argv) {
    return argv.stream().map(this::redact).toList();
  }

  /** A redacted, shell-quoted rendering of argv, for messages. */
  public String commandLine(List<String> argv) {
    StringBuilder out = new StringBuilder();
    for (String arg : redact(argv)) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(quote(arg));
    }
    return out.toString();
  }

  private static String quote(String arg) {
    if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=@%+,-]+")) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Redactor[%d secrets]", secrets.size());
  }
}
