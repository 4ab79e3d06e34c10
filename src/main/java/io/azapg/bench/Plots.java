package io.azapg.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** PNG bar charts of the results: one per figure, sizes as groups, configurations as bars. */
public final class Plots {
  private static final Color[] COLORS = {
    new Color(0x9e9e9e), new Color(0x4e79a7), new Color(0xf28e2b), new Color(0x59a14f)
  };

  private Plots() {}

  /** Writes the charts and returns their paths. */
  public static List<Path> write(TuningBench.Results r, Path dir) {
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      written.add(
          bars(
              dir.resolve("bench-tuning-read-write.png"),
              "pgbench read-write (TPC-B-like)",
              "tps (median)",
              r,
              size -> c -> Report.stats(r, size, c, Workloads.READ_WRITE).median()));
      written.add(
          bars(
              dir.resolve("bench-tuning-select-only.png"),
              "pgbench select-only",
              "tps (median)",
              r,
              size -> c -> Report.stats(r, size, c, Workloads.SELECT_ONLY).median()));
      written.add(
          bars(
              dir.resolve("bench-tuning-analytic.png"),
              "analytic set (lower is better)",
              "ms per round (median)",
              r,
              size -> c -> Report.stats(r, size, c, Workloads.ANALYTIC).median()));
      written.add(
          bars(
              dir.resolve("bench-tuning-wal.png"),
              "WAL per read-write run (lower is better)",
              "MB (median)",
              r,
              size -> c -> Report.wal(r, size, c).median()));
      if (!r.memory().isEmpty()) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (MemoryTest.Result m : r.memory()) {
          data.addValue(m.finished(), "finished", m.contender().label());
          data.addValue(m.sessions() - m.finished(), "failed", m.contender().label());
        }
        JFreeChart chart =
            ChartFactory.createStackedBarChart(
                "memory test at " + r.memory().get(0).memoryMb() + " MB: sessions",
                null,
                "sessions",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        style(chart);
        ((CategoryPlot) chart.getPlot()).getRenderer().setSeriesPaint(0, COLORS[3]);
        ((CategoryPlot) chart.getPlot()).getRenderer().setSeriesPaint(1, new Color(0xe15759));
        Path file = dir.resolve("bench-tuning-memory.png");
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 720, 400);
        written.add(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }

  private static Path bars(
      Path file,
      String title,
      String axis,
      TuningBench.Results r,
      java.util.function.Function<String, ToDoubleFunction<Contender>> value)
      throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (String size : Report.sizes(r)) {
      for (Contender c : Contender.values()) {
        data.addValue(value.apply(size).applyAsDouble(c), c.label(), size);
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, null, axis, data, PlotOrientation.VERTICAL, true, false, false);
    style(chart);
    BarRenderer renderer = (BarRenderer) ((CategoryPlot) chart.getPlot()).getRenderer();
    for (int i = 0; i < COLORS.length; i++) {
      renderer.setSeriesPaint(i, COLORS[i]);
    }
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 720, 400);
    return file;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = (CategoryPlot) chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    if (plot.getRenderer() instanceof BarRenderer bar) {
      bar.setShadowVisible(false);
      bar.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    }
  }
}
