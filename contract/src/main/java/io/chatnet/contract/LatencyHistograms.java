package io.chatnet.contract;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The latency histograms of the contract: microseconds from 1 µs to one hour, two significant
 * decimal digits (any recorded value is kept within 1% of itself), so a percentile read from a
 * histogram, or from several shards' histograms added together, is within 1% of the exact
 * nearest-rank percentile of every receipt. A value above one hour is recorded as one hour. Memory
 * is fixed (a few KiB per histogram) whatever the number of receipts. On the wire a histogram is
 * HdrHistogram's compressed encoding, base64.
 *
 * <p>A shard's termination message (its summary as the operator reads it) is cut by the kubelet at
 * 4096 bytes, and a wide latency distribution at two digits encodes to 1 to 4 KiB: when the message
 * does not fit, the shard sends {@link #coarse} copies instead, one significant digit (values
 * within 1/16, 6.25%, of themselves; a few hundred bytes). The encoding carries its precision, and
 * a merge is as precise as its coarsest shard.
 */
public final class LatencyHistograms {
  public static final long HIGHEST_MICROS = 3_600_000_000L;
  public static final int SIGNIFICANT_DIGITS = 2;
  public static final int COARSE_SIGNIFICANT_DIGITS = 1;

  private LatencyHistograms() {}

  public static Histogram create() {
    return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  }

  /** {@code histogram} at one significant digit: every recorded value re-recorded, counts kept. */
  public static Histogram coarse(Histogram histogram) {
    Histogram coarse = new Histogram(1, HIGHEST_MICROS, COARSE_SIGNIFICANT_DIGITS);
    for (HistogramIterationValue value : histogram.recordedValues()) {
      coarse.recordValueWithCount(value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
    }
    return coarse;
  }

  /** The encoded histogram at one significant digit (see {@link #coarse}). */
  public static String coarse(String base64) {
    return encode(coarse(decode(base64)));
  }

  /** Records a latency, clamped to the histogram's range. */
  public static void record(Histogram histogram, long micros) {
    histogram.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, micros)));
  }

  /**
   * The nearest-rank percentile in milliseconds: the middle of the bucket the rank falls in (half a
   * bucket, at most 0.4%, from any value in it; within the stated 1%).
   */
  public static double percentileMillis(Histogram histogram, double percentile) {
    return histogram.medianEquivalentValue(histogram.getValueAtPercentile(percentile)) / 1000.0;
  }

  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  public static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an encoded latency histogram: " + e.getMessage(), e);
    }
  }
}
