package io.azapg.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.tune.render.ConfRenderer;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The invariant checked by {@link ConfEvaluator} from the rendered {@code name = value} lines only,
 * over the property tests' whole input range (3,000 seeded random inputs and the boundaries). The
 * second half shows the check has teeth: tuners with one deliberately wrong rule (applied to the
 * real tuner's output) are caught.
 */
class IndependentInvariantTest {
  private static final List<TunerPropertyTest.Case> CASES =
      Stream.concat(TunerPropertyTest.randomCases(), TunerPropertyTest.boundaryCases()).toList();

  /** The cases whose rendered configuration the evaluator finds over the limit. */
  static List<String> violations(Function<TunerPropertyTest.Case, String> tuner) {
    return CASES.stream()
        .filter(c -> ConfEvaluator.of(tuner.apply(c)).worstCase(c.memory()) > c.memory())
        .map(TunerPropertyTest.Case::toString)
        .toList();
  }

  private static String rendered(TunerPropertyTest.Case c) {
    return ConfRenderer.render(Tuner.tune(c.request(c.memory())));
  }

  private static Function<TunerPropertyTest.Case, String> wrong(UnaryOperator<String> rule) {
    return c -> rule.apply(rendered(c));
  }

  @Test
  void theTunersOutput_fitsOverTheWholeRange() {
    assertThat(violations(IndependentInvariantTest::rendered)).isEmpty();
  }

  @Test
  void aTunerThatLeavesTempBuffersAtTheDefault_isCaught() {
    assertThat(violations(wrong(conf -> drop(conf, "temp_buffers")))).isNotEmpty();
  }

  @Test
  void aTunerThatLeavesWalSendersAndSlotsAtTheDefaults_isCaught() {
    assertThat(
            violations(
                wrong(
                    conf ->
                        drop(
                            drop(drop(conf, "max_wal_senders"), "max_replication_slots"),
                            "logical_decoding_work_mem"))))
        .isNotEmpty();
  }

  @Test
  void aTunerThatCountsWorkMemOncePerStatement_isCaught() {
    // Its budget holds three times the work_mem the model allows.
    assertThat(violations(wrong(conf -> scale(conf, "work_mem", 3)))).isNotEmpty();
  }

  @Test
  void aTunerThatTurnsJitOnWithoutCountingIt_isCaught() {
    assertThat(violations(wrong(conf -> conf.replace("jit = 'off'", "jit = 'on'")))).isNotEmpty();
  }

  @Test
  void aTunerThatGivesAutovacuumMaintenanceWorkMem_isCaught() {
    assertThat(violations(wrong(conf -> drop(conf, "autovacuum_work_mem")))).isNotEmpty();
  }

  @Test
  void aTunerThatForgetsTheReserve_isCaught() {
    // The same settings sized for a limit an eighth larger: the page cache reserve spent on
    // work_mem.
    assertThat(
            violations(
                c -> ConfRenderer.render(Tuner.tune(c.request(c.memory() + c.memory() / 8)))))
        .isNotEmpty();
  }

  @Test
  void theEvaluatorReadsValuesAsPostgresDoes() {
    ConfEvaluator e =
        ConfEvaluator.of(
            "shared_buffers = 16384\nwork_mem = '2MB'\n# work_mem = '64MB'\ntemp_buffers = 1536kB\n"
                + "jit = 'off'\nwork_mem = 3072 # the last line wins\n");
    assertThat(e.bytes("shared_buffers")).isEqualTo(128 * ConfEvaluator.MB);
    assertThat(e.bytes("work_mem")).isEqualTo(3 * ConfEvaluator.MB);
    assertThat(e.bytes("temp_buffers")).isEqualTo(1.5 * ConfEvaluator.MB);
    assertThat(e.bytes("maintenance_work_mem")).isEqualTo(64 * ConfEvaluator.MB);
    assertThat(e.on("jit")).isFalse();
    assertThat(ConfEvaluator.of("").on("jit")).isTrue();
  }

  private static String drop(String conf, String name) {
    return conf.replaceAll("(?m)^" + name + " = .*$", "");
  }

  private static final Pattern WORK_MEM =
      Pattern.compile("(?m)^work_mem = '?([0-9]+)(kB|MB|GB)'?$");

  private static String scale(String conf, String name, int factor) {
    Matcher m = WORK_MEM.matcher(conf);
    if (!m.find()) {
      throw new AssertionError("no " + name + " line in\n" + conf);
    }
    return m.replaceFirst(name + " = '" + Long.parseLong(m.group(1)) * factor + m.group(2) + "'");
  }
}
