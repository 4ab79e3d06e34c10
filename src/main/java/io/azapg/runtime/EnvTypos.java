package io.azapg.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Variables that look like a mistyped name of the contract ({@code POSTGRES_PASWORD}): a variable
 * the image does not read, within two edits of one it does. Only names are ever reported, never
 * values (a mistyped password variable holds a password).
 */
final class EnvTypos {
  private static final int MAX_EDITS = 2;
  private static final Set<String> KNOWN = known();

  private EnvTypos() {}

  private static Set<String> known() {
    Set<String> names =
        new TreeSet<>(
            List.of(
                "PGDATA",
                "PGPORT",
                "POSTGRES_USER",
                "POSTGRES_PASSWORD",
                "POSTGRES_DB",
                "POSTGRES_INITDB_ARGS",
                "POSTGRES_INITDB_WALDIR",
                "POSTGRES_HOST_AUTH_METHOD",
                "POSTGRES_WAL_LEVEL",
                "POSTGRES_ROLE",
                "POSTGRES_SHARED_PRELOAD_LIBRARIES",
                "POSTGRES_MEMORY",
                "POSTGRES_CPUS",
                "POSTGRES_WORKLOAD_TYPE",
                "POSTGRES_STORAGE_TYPE",
                "POSTGRES_POOLED",
                "POSTGRES_SYNCHRONOUS_STANDBY_NAMES",
                "POSTGRES_EXPORTER_USER",
                "POSTGRES_EXPORTER_PASSWORD",
                "PG_REPLICATION_USER",
                "PG_REPLICATION_PASSWORD",
                "PGBOUNCER_AUTH_PASSWORD",
                "PRIMARY_HOST",
                "REPLICATION_SLOT_NAME",
                "AZA_PG_TUNE"));
    names.addAll(UserValues.ENV.keySet());
    for (String n : List.copyOf(names)) {
      names.add(n + "_FILE");
    }
    return names;
  }

  /** One warning per suspicious variable: its name and the variable it probably means. */
  static List<String> warnings(Env env) {
    List<String> out = new ArrayList<>();
    for (String name : env.names()) {
      nearest(name)
          .ifPresent(
              match ->
                  out.add(
                      name
                          + " is set but this image does not read it: did you mean "
                          + match
                          + "? (its value is ignored)"));
    }
    return out;
  }

  /** The contract variable a name probably means, empty when it is one or resembles none. */
  static Optional<String> nearest(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    boolean ours =
        upper.startsWith("POSTGRES_")
            || upper.startsWith("PG_REPLICATION")
            || upper.startsWith("AZA_PG_")
            || upper.startsWith("REPLICATION_");
    if (!ours || KNOWN.contains(name)) {
      return Optional.empty();
    }
    if (KNOWN.contains(upper)) {
      return Optional.of(upper);
    }
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    for (String k : KNOWN) {
      int d = distance(upper, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance, with a swap of neighbours counted as one edit. */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > MAX_EDITS) {
      return MAX_EDITS + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
