package io.azapg.tune.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Setting;
import io.azapg.tune.Sourced;
import io.azapg.tune.TuneRequest;
import io.azapg.tune.Tuning;
import io.azapg.tune.WorstCase;
import java.util.Map;

/**
 * Renders a tuning as JSON: the inputs with their sources, every setting with value and rule, the
 * worst-case breakdown, and the warnings. Key order is fixed, so the output is byte-stable.
 */
public final class JsonReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonReport() {}

  /** Pretty-printed JSON with {@code \n} line endings and a final newline. */
  public static String render(Tuning tuning) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(tree(tuning)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /** The report as a JSON tree. */
  public static ObjectNode tree(Tuning tuning) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("generator", "aza-pg tune");
    root.set("inputs", inputs(tuning.request()));
    ArrayNode settings = root.putArray("settings");
    for (Setting s : tuning.settings()) {
      settings
          .addObject()
          .put("name", s.name())
          .put("value", s.value())
          .put("rule", s.rule())
          .put("source", s.source());
    }
    root.set("worstCase", worstCase(tuning.worstCase()));
    ArrayNode warnings = root.putArray("warnings");
    tuning.warnings().forEach(warnings::add);
    return root;
  }

  private static ObjectNode inputs(TuneRequest request) {
    ObjectNode inputs = MAPPER.createObjectNode();
    inputs.set("memory", size(request.resources().memory()));
    inputs.set("cpus", sourced(request.resources().cpus()));
    if (request.resources().shm().isPresent()) {
      inputs.set("shm", size(request.resources().shm().get()));
    } else {
      inputs.putNull("shm");
    }
    inputs.set("hugePagesFree", size(request.resources().hugePagesFree()));
    inputs.set("ioUring", sourced(request.resources().ioUring()));
    inputs.set(
        "workload",
        sourced(Sourced.of(request.workload().value().label(), request.workload().source())));
    inputs.set(
        "storage",
        sourced(Sourced.of(request.storage().value().label(), request.storage().source())));
    inputs.set("pooled", sourced(request.pooled()));
    inputs.set("pgMajor", sourced(request.pgMajor()));
    inputs.set("backgroundWorkers", sourced(request.backgroundWorkers()));
    ObjectNode overrides = inputs.putObject("overrides");
    for (Map.Entry<String, String> e : request.sortedOverrides().entrySet()) {
      overrides.put(e.getKey(), e.getValue());
    }
    return inputs;
  }

  private static ObjectNode worstCase(WorstCase worst) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("limit", worst.limit().toString());
    node.put("limitBytes", worst.limit().bytes());
    node.put("total", worst.total().toString());
    node.put("totalBytes", worst.total().bytes());
    node.put("fits", worst.fits());
    node.put("headroomBytes", worst.headroom().bytes());
    ArrayNode terms = node.putArray("terms");
    for (WorstCase.Term t : worst.terms()) {
      terms
          .addObject()
          .put("name", t.name())
          .put("formula", t.formula())
          .put("size", t.size().toString())
          .put("bytes", t.size().bytes());
    }
    return node;
  }

  private static ObjectNode size(Sourced<ByteSize> value) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("value", value.value().toString());
    node.put("bytes", value.value().bytes());
    node.put("source", value.source());
    return node;
  }

  private static ObjectNode sourced(Sourced<?> value) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("value", MAPPER.valueToTree(value.value()));
    node.put("source", value.source());
    return node;
  }
}
