package io.azapg.tune;

/**
 * A value a rule chose, unrounded so the budget stays exact, with the sentence that explains it.
 */
record Choice(double value, String rule) {
  static Choice of(double value, String rule) {
    return new Choice(value, rule);
  }
}
