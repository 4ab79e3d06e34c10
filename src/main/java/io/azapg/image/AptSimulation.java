package io.azapg.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code apt-get install -s}: the packages apt would install with their
 * versions, or the packages it cannot find.
 */
record AptSimulation(Map<String, String> installs, List<String> missing, List<String> errors) {
  private static final Pattern INST = Pattern.compile("^Inst (\\S+) (?:\\[[^]]*] )?\\((\\S+) ");
  private static final Pattern NOT_FOUND =
      Pattern.compile(
          "^E: (?:Unable to locate package (\\S+)|Package '([^']+)' has no installation candidate)$");
  private static final Pattern NO_VERSION =
      Pattern.compile("^E: Version '([^']+)' for '([^']+)' was not found$");

  /** The same simulation without the named packages (stand-ins are not archive packages). */
  AptSimulation without(List<String> names) {
    Map<String, String> kept = new TreeMap<>(installs);
    names.forEach(kept::remove);
    return new AptSimulation(kept, missing, errors);
  }

  /**
   * The same simulation without the packages it would install at the very version the base already
   * has: apt resolving another architecture against the base's status marked as that architecture
   * "reinstalls" a base package whose index entry differs in bytes only. Nothing new is installed.
   */
  AptSimulation withoutReinstalls(Map<String, String> base) {
    Map<String, String> kept = new TreeMap<>(installs);
    kept.entrySet().removeIf(e -> e.getValue().equals(base.get(e.getKey())));
    return new AptSimulation(kept, missing, errors);
  }

  static AptSimulation parse(String output) {
    Map<String, String> installs = new TreeMap<>();
    TreeSet<String> missing = new TreeSet<>();
    List<String> errors = new ArrayList<>();
    for (String raw : output.split("\n")) {
      String line = raw.strip();
      Matcher inst = INST.matcher(line);
      if (inst.find()) {
        installs.put(inst.group(1), inst.group(2));
        continue;
      }
      Matcher nf = NOT_FOUND.matcher(line);
      if (nf.matches()) {
        missing.add(nf.group(1) != null ? nf.group(1) : nf.group(2));
        continue;
      }
      Matcher nv = NO_VERSION.matcher(line);
      if (nv.matches()) {
        missing.add(nv.group(2) + "=" + nv.group(1));
        continue;
      }
      if (line.startsWith("E: ")) {
        errors.add(line.substring(3));
      }
    }
    return new AptSimulation(installs, List.copyOf(missing), List.copyOf(errors));
  }
}
