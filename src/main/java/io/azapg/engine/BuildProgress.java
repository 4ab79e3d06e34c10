package io.azapg.engine;

import io.azapg.common.Reporter;
import io.azapg.process.Channel;
import io.azapg.process.LineListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an image build's output into progress on stderr: each step as it starts, apt's
 * download/unpack/set-up counts, compiler runs, lines of aza-pg's own install script, and a
 * heartbeat with the elapsed time while a step is silent (jlink, a long compile). Every line goes
 * to the debug channel ({@code --verbose}); the current step's output is kept for the error when
 * the build fails.
 */
final class BuildProgress implements LineListener {
  /** Progress counts are reported at most this often. */
  static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  /** A step that reported nothing for this long gets a heartbeat line. */
  static final Duration HEARTBEAT_AFTER = Duration.ofSeconds(30);

  /** Lines of the failed step an error shows at most (the log file has all of them). */
  static final int MAX_STEP_LINES = 3000;

  /**
   * {@code [2/2] STEP 8/29: RUN ...} (podman; the stage prefix in multi-stage builds) or docker's
   * {@code Step 8/29 : RUN ...}.
   */
  private static final Pattern STEP =
      Pattern.compile(
          "^((?:\\[\\d+/\\d+] )?)(?:STEP|Step) (\\d+/\\d+)\\s*:\\s*(.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * How podman names the step that failed, e.g. {@code Error: building at STEP "RUN make": while
   * running runtime: exit status 2}: with stages built at once, the step that started last is not
   * necessarily the one that failed.
   */
  private static final Pattern FAILED_AT =
      Pattern.compile("^(?:Error: )?building at STEP \"(.+?)\": .*$");

  private static final Pattern APT_TOTAL =
      Pattern.compile("^\\d+ upgraded, (\\d+) newly installed");
  private static final Pattern COMPILER =
      Pattern.compile("^(?:\\S+-)?(?:gcc|cc|g\\+\\+|c\\+\\+|clang)(?:-\\d+)?\\s.*\\s-c\\s.*");
  private static final String OWN = "aza-pg-apt: ";

  private final Reporter reporter;
  private final LongSupplier nanoTime;

  /**
   * Stages run at once: their output lines interleave without saying whose they are, so apt's and
   * the compiler's counts would add up other stages' lines, and "step N is still running" could
   * name a step that has finished. Then only step starts, aza-pg's own lines and the build's
   * elapsed time are reported.
   */
  private final boolean interleaved;

  private final long buildStart;
  private final List<String> stepOutput = new ArrayList<>();
  private String step = "";
  private String failedStep = "";
  private long stepStart;
  private long lastReport;
  private int dropped;
  private int aptTotal;
  private int downloaded;
  private int unpacked;
  private int setUp;
  private int compiled;
  private boolean pending;

  BuildProgress(Reporter reporter, LongSupplier nanoTime) {
    this(reporter, nanoTime, false);
  }

  BuildProgress(Reporter reporter, LongSupplier nanoTime, boolean interleaved) {
    this.reporter = reporter;
    this.nanoTime = nanoTime;
    this.interleaved = interleaved;
    this.buildStart = nanoTime.getAsLong();
  }

  @Override
  public synchronized void onLine(Channel channel, String line) {
    if (line.isBlank()) {
      return;
    }
    reporter.debug((channel == Channel.STDERR ? "! " : "  ") + line);
    long now = nanoTime.getAsLong();
    Matcher m = STEP.matcher(line);
    if (m.matches()) {
      startStep(m.group(1) + "STEP " + m.group(2) + ": " + abbreviate(m.group(3)), now);
      return;
    }
    Matcher failed = FAILED_AT.matcher(line);
    if (failed.matches()) {
      failedStep = abbreviate(failed.group(1));
    }
    keep(line);
    if (line.startsWith(OWN)) {
      reporter.info("  " + line.substring(OWN.length()));
      lastReport = now;
      return;
    }
    if (interleaved) {
      return;
    }
    count(line);
    if (pending && now - lastReport >= REPORT_EVERY.toNanos()) {
      reportCounts(now);
    }
  }

  /** Called every few seconds: reports a step that has been silent for a while. */
  synchronized void heartbeat() {
    long now = nanoTime.getAsLong();
    if (step.isEmpty() || now - lastReport < HEARTBEAT_AFTER.toNanos()) {
      return;
    }
    if (interleaved) {
      reporter.info(
          "  the build is still running ("
              + elapsed(now - buildStart)
              + "; the last step started "
              + elapsed(now - stepStart)
              + " ago)");
      lastReport = now;
      return;
    }
    if (pending) {
      reportCounts(now);
      return;
    }
    reporter.info(
        "  "
            + step.substring(0, step.indexOf(':'))
            + " is still running ("
            + elapsed(now - stepStart)
            + ")");
    lastReport = now;
  }

  /** The step that ran last, e.g. {@code STEP 7/21: RUN ...}; empty before the first. */
  synchronized String step() {
    return step;
  }

  /**
   * The step that failed: the step that ran last when it is the one the engine named (always so
   * when stages run one after another), else the engine's own name for it, e.g. {@code STEP RUN
   * make ...}.
   */
  synchronized String failedStep() {
    return failedStep.isEmpty() || step.endsWith(": " + failedStep) ? step : "STEP " + failedStep;
  }

  /** The output of the step that ran last, at most {@link #MAX_STEP_LINES} of its last lines. */
  synchronized List<String> stepOutput() {
    List<String> lines = new ArrayList<>();
    if (dropped > 0) {
      lines.add("(" + dropped + " earlier lines of this step are in the build log)");
    }
    lines.addAll(stepOutput);
    return lines;
  }

  private void startStep(String name, long now) {
    if (pending) {
      reportCounts(now);
    }
    step = name;
    stepStart = now;
    lastReport = now;
    stepOutput.clear();
    dropped = 0;
    aptTotal = 0;
    downloaded = 0;
    unpacked = 0;
    setUp = 0;
    compiled = 0;
    reporter.info(name);
  }

  private void keep(String line) {
    stepOutput.add(line);
    if (stepOutput.size() > MAX_STEP_LINES) {
      stepOutput.remove(0);
      dropped++;
    }
  }

  private void count(String line) {
    Matcher total = APT_TOTAL.matcher(line);
    if (total.find()) {
      aptTotal = Integer.parseInt(total.group(1));
    } else if (line.startsWith("Get:")) {
      downloaded++;
      pending = true;
    } else if (line.startsWith("Unpacking ")) {
      unpacked++;
      pending = true;
    } else if (line.startsWith("Setting up ")) {
      setUp++;
      pending = true;
    } else if (COMPILER.matcher(line).matches()) {
      compiled++;
      pending = true;
    }
  }

  private void reportCounts(long now) {
    if (downloaded + unpacked + setUp > 0) {
      String of = aptTotal > 0 ? "/" + aptTotal : "";
      reporter.info(
          "  apt: "
              + downloaded
              + of
              + " downloaded, "
              + unpacked
              + of
              + " unpacked, "
              + setUp
              + of
              + " set up ("
              + elapsed(now - stepStart)
              + ")");
    }
    if (compiled > 0) {
      reporter.info("  " + compiled + " files compiled (" + elapsed(now - stepStart) + ")");
    }
    pending = false;
    lastReport = now;
  }

  static String elapsed(long nanos) {
    long s = Duration.ofNanos(nanos).toSeconds();
    return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= 100 ? flat : flat.substring(0, 99) + "…";
  }
}
