package io.sockguard.observe;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The lock-free instruments behind {@link Metrics}: per-series adders updated on request threads, read into
 * prometheus snapshots at scrape time. A series is keyed by its label values in the family's label order. A scrape
 * sees each adder at some moment during the scrape, which is all a counter needs.
 */
final class Instruments {
  private Instruments() {}

  private static MetricMetadata metadata(MetricNames.Family family) {
    return new MetricMetadata(family.baseName(), family.help());
  }

  private static Labels labels(MetricNames.Family family, List<String> values) {
    return values.isEmpty() ? Labels.EMPTY : Labels.of(family.labels(), values);
  }

  /** A monotonic counter with one series per label-value tuple. */
  static final class Counter {
    private final MetricNames.Family family;
    private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

    Counter(MetricNames.Family family) {
      this.family = family;
    }

    void add(List<String> labelValues, long amount) {
      LongAdder adder = series.get(labelValues);
      if (adder == null) {
        adder = series.computeIfAbsent(labelValues, k -> new LongAdder());
      }
      adder.add(amount);
    }

    void inc(List<String> labelValues) {
      add(labelValues, 1);
    }

    MetricSnapshot snapshot() {
      List<CounterSnapshot.CounterDataPointSnapshot> points = new ArrayList<>(series.size());
      series.forEach(
          (values, adder) ->
              points.add(new CounterSnapshot.CounterDataPointSnapshot(adder.sum(), labels(family, values), null, 0)));
      return new CounterSnapshot(metadata(family), points);
    }
  }

  /** A gauge whose value is read from a supplier per series at scrape time. */
  static final class Gauge {
    private final MetricNames.Family family;
    private final Map<List<String>, DoubleSupplier> series = new ConcurrentHashMap<>();

    Gauge(MetricNames.Family family) {
      this.family = family;
    }

    /** The up/down count for {@code labelValues}, created at 0 on first use. */
    AtomicLong level(List<String> labelValues) {
      DoubleSupplier existing = series.get(labelValues);
      if (existing == null) {
        existing = series.computeIfAbsent(labelValues, k -> new Level());
      }
      return ((Level) existing).value;
    }

    void set(List<String> labelValues, DoubleSupplier value) {
      series.put(labelValues, value);
    }

    MetricSnapshot snapshot() {
      List<GaugeSnapshot.GaugeDataPointSnapshot> points = new ArrayList<>(series.size());
      series.forEach(
          (values, supplier) ->
              points.add(
                  new GaugeSnapshot.GaugeDataPointSnapshot(supplier.getAsDouble(), labels(family, values), null)));
      return new GaugeSnapshot(metadata(family), points);
    }

    private static final class Level implements DoubleSupplier {
      final AtomicLong value = new AtomicLong();

      @Override
      public double getAsDouble() {
        return value.get();
      }
    }
  }

  /** A classic histogram with fixed upper bounds and one cell per label-value tuple. */
  static final class Histogram {
    private final MetricNames.Family family;
    private final double[] upperBounds;
    private final Map<List<String>, Cell> series = new ConcurrentHashMap<>();

    Histogram(MetricNames.Family family, List<Double> bounds) {
      this.family = family;
      this.upperBounds = new double[bounds.size() + 1];
      for (int i = 0; i < bounds.size(); i++) {
        upperBounds[i] = bounds.get(i);
      }
      upperBounds[bounds.size()] = Double.POSITIVE_INFINITY;
    }

    void observe(List<String> labelValues, double value) {
      Cell cell = series.get(labelValues);
      if (cell == null) {
        cell = series.computeIfAbsent(labelValues, k -> new Cell(upperBounds.length));
      }
      int bucket = 0;
      while (value > upperBounds[bucket]) {
        bucket++;
      }
      cell.counts[bucket].increment();
      cell.sum.add(value);
    }

    MetricSnapshot snapshot() {
      List<HistogramSnapshot.HistogramDataPointSnapshot> points = new ArrayList<>(series.size());
      series.forEach(
          (values, cell) -> {
            long[] counts = new long[upperBounds.length];
            for (int i = 0; i < counts.length; i++) {
              counts[i] = cell.counts[i].sum();
            }
            // per-bucket counts: the writer makes them cumulative and derives _count
            points.add(
                new HistogramSnapshot.HistogramDataPointSnapshot(
                    ClassicHistogramBuckets.of(upperBounds, counts), cell.sum.sum(), labels(family, values), null, 0));
          });
      return new HistogramSnapshot(metadata(family), points);
    }

    private static final class Cell {
      final LongAdder[] counts;
      final DoubleAdder sum = new DoubleAdder();

      Cell(int buckets) {
        counts = new LongAdder[buckets];
        for (int i = 0; i < buckets; i++) {
          counts[i] = new LongAdder();
        }
      }
    }
  }

  /** The constant-1 info series. */
  static MetricSnapshot info(MetricNames.Family family, Labels labels) {
    return new InfoSnapshot(metadata(family), List.of(new InfoSnapshot.InfoDataPointSnapshot(labels)));
  }
}
