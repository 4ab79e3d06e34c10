package io.azapg.image;

import java.util.ArrayList;
import java.util.List;

/** What the verification script reported: one step per entry and phase (create, smoke). */
public record VerificationResult(List<Step> steps, List<String> problems) {

  /** One step's outcome; {@code detail} is the smoke result or the error text. */
  public record Step(String name, String step, boolean ok, String detail) {
    @Override
    public String toString() {
      return name + " " + step + ": " + (ok ? "ok" : "FAILED: " + detail);
    }
  }

  public VerificationResult {
    steps = List.copyOf(steps);
    problems = List.copyOf(problems);
  }

  /** The failed steps. */
  public List<Step> failures() {
    return steps.stream().filter(s -> !s.ok()).toList();
  }

  /** True when every step passed and no other problem was found. */
  public boolean passed() {
    return failures().isEmpty() && problems.isEmpty();
  }

  /** Reads the tab-separated result lines the script prints. */
  static List<Step> parse(String psqlOutput) {
    List<Step> steps = new ArrayList<>();
    for (String line : psqlOutput.split("\n")) {
      if (!line.startsWith(VerificationScript.RESULT_MARK + "\t")) {
        continue;
      }
      String[] f = line.split("\t", 5);
      steps.add(new Step(f[1], f[2], "true".equals(f[3]), f.length > 4 ? f[4].strip() : ""));
    }
    return steps;
  }
}
