package io.azapg.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the catalog shipped in the jar with Jackson's streaming parser only. That catalog was
 * checked at build time (schema and rules), so this reader only builds the records: binding with
 * Jackson databind first builds an object mapper and introspects every record type, about 0.2 s of
 * CPU that every container start and {@code aza-pg tune} paid for a 140 KB file the streaming
 * parser reads in milliseconds. The unit tests prove it yields exactly the catalog the validating
 * loader binds.
 *
 * <p>An absent optional field reaches the records' constructors as null, exactly as Jackson passes
 * it, which is what the records' compact constructors expect; hence NullAway's suppression.
 */
@SuppressWarnings("NullAway")
final class ShippedCatalogReader {
  private static final JsonFactory JSON = new JsonFactory();

  private ShippedCatalogReader() {}

  static Catalog read(InputStream in) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      p.nextToken();
      return catalog(object(value(p)));
    }
  }

  private static Catalog catalog(Map<String, Object> m) {
    return new Catalog(
        ((Number) m.get("postgresMajor")).intValue(),
        objects(m.get("extensions")).stream().map(ShippedCatalogReader::entry).toList(),
        objects(m.get("excluded")).stream()
            .map(x -> new Excluded(string(x, "package"), string(x, "reason")))
            .toList(),
        objects(m.get("keptTooling")).stream()
            .map(
                x ->
                    new KeptTooling(
                        string(x, "package"), strings(x.get("neededBy")), string(x, "reason")))
            .toList());
  }

  private static Entry entry(Map<String, Object> m) {
    Object preload = m.get("preload");
    Object settings = m.get("settings");
    return new Entry(
        string(m, "name"),
        string(m, "displayName"),
        Kind.valueOf(string(m, "kind").toUpperCase(Locale.ROOT)),
        string(m, "category"),
        string(m, "description"),
        string(m, "license"),
        source(object(m.get("source"))),
        string(m, "version"),
        string(m, "extensionVersion"),
        string(m, "schema"),
        preload == null ? null : preload(object(preload)),
        bool(m, "autoCreate"),
        stringsOrNull(m, "dependencies"),
        settings == null ? null : stringMap(object(settings)),
        string(m, "smoke"),
        string(m, "docsUrl"),
        bool(m, "enabled"),
        string(m, "disabledReason"),
        string(m, "notes"));
  }

  private static Source source(Map<String, Object> m) {
    String type = string(m, "type");
    return switch (type == null ? "" : type) {
      case "builtin" -> new Source.Builtin();
      case "apt" -> new Source.Apt(string(m, "package"));
      case "git" ->
          new Source.Git(
              string(m, "repository"),
              string(m, "tag"),
              string(m, "commit"),
              string(m, "build"),
              string(m, "subdir"),
              stringsOrNull(m, "buildPackages"),
              stringsOrNull(m, "runtimePackages"),
              stringsOrNull(m, "options"));
      default -> throw new IllegalStateException("the shipped catalog has a source type " + type);
    };
  }

  private static Preload preload(Map<String, Object> m) {
    Object workers = m.get("backgroundWorkers");
    return new Preload(
        string(m, "library"),
        bool(m, "required"),
        bool(m, "default"),
        workers == null ? null : ((Number) workers).intValue());
  }

  /** A JSON value as Java: objects keep their key order, numbers stay numbers. */
  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          m.put(key, value(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return p.getNumberValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return NULL;
      }
      default -> throw new IllegalStateException("unexpected JSON token " + t);
    }
  }

  /** JSON null, kept apart from an absent key (a map cannot hold Java null here). */
  private static final Object NULL = new Object();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o) {
    return (Map<String, Object>) o;
  }

  private static List<Map<String, Object>> objects(Object o) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (o instanceof List<?> list) {
      list.forEach(x -> out.add(object(x)));
    }
    return out;
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> list) {
      list.forEach(x -> out.add((String) x));
    }
    return out;
  }

  /** The list under a key, or null when the key is absent (the records default it). */
  private static List<String> stringsOrNull(Map<String, Object> m, String key) {
    return m.containsKey(key) ? strings(m.get(key)) : null;
  }

  private static Map<String, String> stringMap(Map<String, Object> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, (String) v));
    return out;
  }

  private static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof String s ? s : null;
  }

  private static boolean bool(Map<String, Object> m, String key) {
    return Boolean.TRUE.equals(m.get(key));
  }
}
