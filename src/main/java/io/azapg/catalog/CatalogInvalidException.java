package io.azapg.catalog;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;

/** A catalog failed validation; carries every problem found, not just the first. */
public final class CatalogInvalidException extends AzaPgException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;
  private final String origin;

  public CatalogInvalidException(String origin, List<Problem> problems) {
    super(
        ExitCode.INVALID_INPUT,
        origin
            + " is not a valid catalog ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + ")",
        List.of("fix each problem listed above, then run 'aza-pg catalog validate'"));
    this.origin = origin;
    this.problems = List.copyOf(problems);
  }

  /** Every problem, sorted by path. */
  public List<Problem> problems() {
    return problems;
  }

  @Override
  public List<String> details() {
    return problems.stream().map(Problem::toString).toList();
  }

  /** The file (or resource) the catalog came from. */
  public String origin() {
    return origin;
  }
}
