package io.azapg.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an entry's shared library takes part in {@code shared_preload_libraries}.
 *
 * @param library the library name as written in shared_preload_libraries
 * @param required the entry does not work, or works only in part, unless preloaded
 * @param onByDefault the library is in the image's default preload list
 * @param backgroundWorkers worker slots the library takes when preloaded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Preload(
    String library,
    boolean required,
    @JsonProperty("default") boolean onByDefault,
    Integer backgroundWorkers) {

  /** Background worker slots, zero when not stated. */
  public int workers() {
    return backgroundWorkers == null ? 0 : backgroundWorkers;
  }
}
