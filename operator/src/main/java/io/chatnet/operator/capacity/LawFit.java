package io.chatnet.operator.capacity;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * One law fitted by least squares, with what a prediction band needs: the regression coefficients
 * {@code beta} (in ln y for power laws), {@code unscaledCovariance} (X'X)^-1 and {@code
 * errorVariance} s^2 = RSS / (n - p), so a fit read back from JSON predicts as the one that was
 * computed. {@code coefficients} are the law's a, b, c (a = e^beta0 for power laws).
 */
public record LawFit(
    Law law,
    double[] coefficients,
    double[] beta,
    double[] standardErrors,
    double[][] unscaledCovariance,
    double errorVariance,
    int points,
    int degreesOfFreedom,
    Double adjustedRSquared,
    double aicc,
    double[] usersRange,
    double[] rateRange,
    List<Residual> residuals) {

  /** A point's measured value against the law's: residual = measured - fitted. */
  public record Residual(
      String source, double users, double ratePerUser, double measured, double fitted) {
    public double residual() {
      return measured - fitted;
    }
  }

  /** The law at (users, rate) with bands at {@code level}; see {@link Prediction}. */
  public Prediction predict(double users, double rate, double level) {
    double[] x = law.row(users, rate);
    double mean = 0;
    for (int i = 0; i < x.length; i++) {
      mean += x[i] * beta[i];
    }
    // x' (X'X)^-1 x: the leverage of the new point.
    double leverage = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        leverage += x[i] * unscaledCovariance[i][j] * x[j];
      }
    }
    double t =
        new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.5 + level / 2);
    double confidence = t * Math.sqrt(errorVariance * leverage);
    double prediction = t * Math.sqrt(errorVariance * (1 + leverage));
    boolean outside =
        users < usersRange[0]
            || users > usersRange[1]
            || rate < rateRange[0]
            || rate > rateRange[1];
    return new Prediction(
        law.value(mean),
        law.value(mean - confidence),
        law.value(mean + confidence),
        law.value(mean - prediction),
        law.value(mean + prediction),
        level,
        outside);
  }
}
