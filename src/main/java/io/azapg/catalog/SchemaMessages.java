package io.azapg.catalog;

import com.networknt.schema.Error;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns JSON Schema errors into catalog problems with readable paths and messages. */
final class SchemaMessages {
  private static final Pattern SEGMENT = Pattern.compile("\\[(\\d+)]|\\.?([^.\\[]+)|\\['([^']*)']");

  private SchemaMessages() {}

  static Problem toProblem(Error error, java.util.Set<String> knownFields) {
    String path = readablePath(String.valueOf(error.getInstanceLocation()));
    String message = error.getMessage();
    // networknt prefixes the message with the instance location; keep only the explanation.
    int colon = message.indexOf(": ");
    if (colon > 0 && message.startsWith(String.valueOf(error.getInstanceLocation()))) {
      message = message.substring(colon + 2);
    }
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      message = "missing required field \"" + error.getProperty() + "\"";
    } else if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
      message =
          "unknown field \""
              + error.getProperty()
              + "\""
              + Suggestions.hint(error.getProperty(), knownFields);
    } else if ("type".equals(error.getKeyword())
        && error.getInstanceNode() != null
        && error.getInstanceNode().isNumber()
        && message.contains("string expected")) {
      message =
          "is the number "
              + error.getInstanceNode()
              + " but must be a string: write \""
              + error.getInstanceNode().asText()
              + "\" (a number would turn 1.10 into 1.1)";
    }
    return new Problem(path, message);
  }

  /** {@code $.extensions[12].name} or {@code /extensions/12/name} → {@code extensions[12].name}. */
  static String readablePath(String location) {
    String loc = location;
    if (loc.startsWith("/")) {
      StringBuilder sb = new StringBuilder();
      for (String part : loc.substring(1).split("/", -1)) {
        if (part.matches("\\d+")) {
          sb.append('[').append(part).append(']');
        } else if (!part.isEmpty()) {
          sb.append(sb.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
        }
      }
      return sb.length() == 0 ? "$" : sb.toString();
    }
    if (loc.startsWith("$")) {
      loc = loc.substring(1);
    }
    StringBuilder sb = new StringBuilder();
    Matcher m = SEGMENT.matcher(loc);
    while (m.find()) {
      if (m.group(1) != null) {
        sb.append('[').append(m.group(1)).append(']');
      } else {
        String name = m.group(2) != null ? m.group(2) : m.group(3);
        if (name == null || name.isEmpty()) {
          continue;
        }
        sb.append(sb.length() == 0 ? "" : ".").append(name);
      }
    }
    return sb.length() == 0 ? "$" : sb.toString();
  }
}
