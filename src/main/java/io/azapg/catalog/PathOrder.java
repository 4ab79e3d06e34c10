package io.azapg.catalog;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Orders problem paths so that {@code extensions[2]} comes before {@code extensions[10]}. */
final class PathOrder implements Comparator<String> {
  static final PathOrder INSTANCE = new PathOrder();
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private PathOrder() {}

  @Override
  public int compare(String a, String b) {
    return pad(a).compareTo(pad(b));
  }

  private static String pad(String path) {
    Matcher m = INDEX.matcher(path);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          sb, "[" + "0".repeat(Math.max(0, 8 - m.group(1).length())) + m.group(1) + "]");
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
