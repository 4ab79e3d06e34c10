package io.azapg.runtime;

import io.azapg.tune.Sourced;
import io.azapg.tune.Tuner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values a user gave the server for settings the tuner writes, each with where it came from, in
 * PostgreSQL's precedence (a later source wins): the environment ({@code POSTGRES_WORK_MEM} …) &lt;
 * postgresql.conf &lt; {@code conf.d/*.conf} &lt; postgresql.auto.conf (ALTER SYSTEM) &lt; {@code
 * -c} flags. The tuner keeps them and fits the rest around them.
 */
final class UserValues {
  /** Environment variables for the common settings: variable → setting. */
  static final Map<String, String> ENV =
      Map.of(
          "POSTGRES_MAX_CONNECTIONS", "max_connections",
          "POSTGRES_SHARED_BUFFERS", "shared_buffers",
          "POSTGRES_WORK_MEM", "work_mem",
          "POSTGRES_MAINTENANCE_WORK_MEM", "maintenance_work_mem",
          "POSTGRES_EFFECTIVE_CACHE_SIZE", "effective_cache_size",
          "POSTGRES_MAX_WORKER_PROCESSES", "max_worker_processes",
          "POSTGRES_MAX_WAL_SENDERS", "max_wal_senders");

  private final Map<String, Sourced<String>> values = new LinkedHashMap<>();
  private final Set<String> tuned = new TreeSet<>(Tuner.settingNames());

  private UserValues() {}

  /**
   * The environment's values, checked: a value the tuner cannot read stops start-up naming the
   * variable.
   */
  static Map<String, Sourced<String>> fromEnv(Env env) {
    UserValues v = new UserValues();
    for (Map.Entry<String, String> e : new TreeMap<>(ENV).entrySet()) {
      String variable = e.getKey();
      Optional<String> value = env.get(variable);
      if (value.isPresent()) {
        String setting = e.getValue();
        Tuner.checkValue(setting, value.get(), variable);
        v.values.put(setting, Sourced.of(value.get().strip(), variable));
      }
    }
    return v.values;
  }

  /**
   * Everything the user set, in precedence order.
   *
   * @param env the environment's values ({@link #fromEnv})
   * @param dataDir the data directory (empty before initdb)
   * @param serverArgs the server's arguments after {@code postgres}
   */
  static Map<String, Sourced<String>> read(
      Map<String, Sourced<String>> env, Optional<DataDir> dataDir, List<String> serverArgs) {
    UserValues v = new UserValues();
    v.values.putAll(env);
    dataDir.ifPresent(
        dir -> {
          dir.read("postgresql.conf").ifPresent(text -> v.file(text, "postgresql.conf"));
          for (String file : dir.list(ConfIncludes.CONF_DIR, ".conf")) {
            String name = ConfIncludes.CONF_DIR + "/" + file;
            dir.read(name).ifPresent(text -> v.file(text, name));
          }
          dir.read("postgresql.auto.conf")
              .ifPresent(text -> v.file(text, "postgresql.auto.conf (ALTER SYSTEM)"));
        });
    v.args(serverArgs);
    return v.values;
  }

  private void file(String text, String source) {
    for (ConfLines.Line line : ConfLines.parse(text)) {
      put(line.name(), line.value(), source);
    }
  }

  private void args(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String next = i + 1 < args.size() ? args.get(i + 1) : "";
      if (a.equals("-c") || a.equals("-B") || a.equals("-N")) {
        flag(a.substring(1), next);
        i++;
      } else if (a.startsWith("-c") || a.startsWith("-B") || a.startsWith("-N")) {
        flag(a.substring(1, 2), a.substring(2));
      } else if (a.startsWith("--") && a.contains("=")) {
        assignment(a.substring(2), "--" + a.substring(2, a.indexOf('=')));
      }
    }
  }

  private void flag(String letter, String value) {
    switch (letter) {
      case "B" -> put("shared_buffers", value, "-B");
      case "N" -> put("max_connections", value, "-N");
      default -> assignment(value, "-c");
    }
  }

  private void assignment(String text, String source) {
    int eq = text.indexOf('=');
    if (eq > 0) {
      String name = text.substring(0, eq).strip().replace('-', '_');
      put(name, text.substring(eq + 1).strip(), source);
    }
  }

  private void put(String name, String value, String source) {
    String n = name.toLowerCase(Locale.ROOT);
    if (tuned.contains(n)) {
      values.remove(n);
      values.put(n, Sourced.of(value, source));
    }
  }
}
