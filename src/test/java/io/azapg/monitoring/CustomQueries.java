package io.azapg.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.azapg.generate.compose.StackFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The metric names the stacks' custom exporter queries serve: {@code <key>_<column>}. */
public final class CustomQueries {
  private CustomQueries() {}

  private static JsonNode tree() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(StackFiles.queries());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The query keys (metric prefixes). */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    tree().fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Every series name the queries serve (value columns, not labels). */
  public static Set<String> served() {
    Set<String> names = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> query = it.next();
      for (JsonNode metric : query.getValue().path("metrics")) {
        metric
            .fields()
            .forEachRemaining(
                col -> {
                  if (!col.getValue().path("usage").asText().equals("LABEL")) {
                    names.add(query.getKey() + "_" + col.getKey());
                  }
                });
      }
    }
    return names;
  }
}
