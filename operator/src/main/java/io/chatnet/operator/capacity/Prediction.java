package io.chatnet.operator.capacity;

/**
 * A law's value at one (users, rate), with two bands at {@code level} (e.g. 0.95): the confidence
 * band of the law itself (where the true curve lies) and the prediction band (where one new
 * measurement lies, the law's band widened by the scatter of the points). {@code extrapolated}:
 * users or rate outside the measured range, so the law is assumed to hold beyond its data.
 */
public record Prediction(
    double value,
    double confidenceLow,
    double confidenceHigh,
    double predictionLow,
    double predictionHigh,
    double level,
    boolean extrapolated) {

  /** A figure with no band (a published value or a request), never extrapolated. */
  public static Prediction exact(double value) {
    return new Prediction(value, value, value, value, value, 1, false);
  }

  public Prediction times(double factor) {
    return new Prediction(
        value * factor,
        confidenceLow * factor,
        confidenceHigh * factor,
        predictionLow * factor,
        predictionHigh * factor,
        level,
        extrapolated);
  }
}
