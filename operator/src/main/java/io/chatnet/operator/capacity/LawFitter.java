package io.chatnet.operator.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Fits each candidate {@link Law} by ordinary least squares (Apache Commons Math) and picks the
 * form by AICc, the small-sample Akaike criterion, on the scale of y: a power law fitted on ln y
 * has its likelihood carried back to y by the Jacobian (minus the sum of ln y), so linear and power
 * laws compete on the same data. AICc penalises each coefficient, so the simpler law wins a tie.
 */
public final class LawFitter {
  /**
   * Smallest residual standard deviation counted, relative to the response's scale: noise-free
   * points fit several laws exactly and rounding alone would pick among them.
   */
  static final double RESIDUAL_FLOOR = 1e-9;

  /**
   * The chosen fit and every candidate's score, best first; a candidate that could not be fitted
   * says why.
   */
  public record Selection(LawFit best, List<Candidate> candidates) {}

  /** A candidate law's score (null when not fitted) or why it was not fitted. */
  public record Candidate(Law law, Double aicc, Double adjustedRSquared, String skipped) {}

  private LawFitter() {}

  /** Fits every law the points allow and selects by AICc; empty when none could be fitted. */
  public static Optional<Selection> select(List<Observation> points) {
    List<LawFit> fits = new ArrayList<>();
    List<Candidate> skipped = new ArrayList<>();
    for (Law law : Law.values()) {
      String why = unfit(law, points);
      if (why != null) {
        skipped.add(new Candidate(law, null, null, why));
        continue;
      }
      try {
        fits.add(fit(law, points));
      } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
        skipped.add(new Candidate(law, null, null, "its terms are collinear in these points"));
      }
    }
    if (fits.isEmpty()) {
      return Optional.empty();
    }
    fits.sort(Comparator.comparingDouble(LawFit::aicc));
    List<Candidate> candidates = new ArrayList<>();
    for (LawFit f : fits) {
      candidates.add(new Candidate(f.law(), f.aicc(), f.adjustedRSquared(), null));
    }
    candidates.addAll(skipped);
    return Optional.of(new Selection(fits.get(0), candidates));
  }

  /**
   * Why {@code law} cannot be fitted to {@code points}, or null: AICc needs n > p + 2 (p
   * coefficients and the variance), and a log-space law needs every value, user count and rate
   * above zero.
   */
  static String unfit(Law law, List<Observation> points) {
    int p = law.coefficients();
    if (points.size() <= p + 2) {
      return points.size()
          + " points; AICc needs at least "
          + (p + 3)
          + " for "
          + p
          + " coefficients";
    }
    if (law.logSpace()
        && points.stream()
            .anyMatch(o -> o.value() <= 0 || o.users() <= 0 || o.ratePerUser() <= 0)) {
      return "a value, user count or rate is not above zero (log space)";
    }
    if (law.coefficients() == 3 && !varies(points)) {
      return "users and rate do not vary independently in the points";
    }
    return null;
  }

  /** Users and load not collinear: a three-coefficient law is identifiable. */
  private static boolean varies(List<Observation> points) {
    Observation first = points.get(0);
    return points.stream().anyMatch(o -> o.users() != first.users())
        && points.stream().anyMatch(o -> o.ratePerUser() != first.ratePerUser());
  }

  /** Least squares of one law. */
  public static LawFit fit(Law law, List<Observation> points) {
    int n = points.size();
    int p = law.coefficients();
    double[] y = new double[n];
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      Observation o = points.get(i);
      y[i] = law.response(o.value());
      x[i] = law.row(o.users(), o.ratePerUser());
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    // The rows carry their own intercept column, so CONSTANT (a column of ones alone) fits too.
    ols.setNoIntercept(true);
    ols.newSampleData(y, x);
    double[] beta = ols.estimateRegressionParameters();
    double[][] covariance = ols.estimateRegressionParametersVariance();
    double rss = ols.calculateResidualSumOfSquares();
    double scale = 0;
    for (double v : y) {
      scale += Math.abs(v) / n;
    }
    double floor = RESIDUAL_FLOOR * (law.logSpace() ? 1 : Math.max(scale, Double.MIN_NORMAL));
    double rssCounted = Math.max(rss, n * floor * floor);
    // Gaussian log-likelihood at the MLE of the variance; for ln y, the Jacobian -sum(ln y_i).
    double logLikelihood = -n / 2.0 * (Math.log(2 * Math.PI * rssCounted / n) + 1);
    if (law.logSpace()) {
      for (double v : y) {
        logLikelihood -= v;
      }
    }
    int k = p + 1;
    double aicc = 2 * k - 2 * logLikelihood + 2.0 * k * (k + 1) / (n - k - 1);
    double errorVariance = rss / (n - p);
    double[] se = new double[p];
    for (int i = 0; i < p; i++) {
      se[i] = Math.sqrt(errorVariance * covariance[i][i]);
    }
    List<LawFit.Residual> residuals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double fitted = 0;
      for (int j = 0; j < p; j++) {
        fitted += x[i][j] * beta[j];
      }
      Observation o = points.get(i);
      residuals.add(
          new LawFit.Residual(
              o.source(), o.users(), o.ratePerUser(), o.value(), law.value(fitted)));
    }
    return new LawFit(
        law,
        law.readable(beta),
        beta,
        se,
        covariance,
        errorVariance,
        n,
        n - p,
        adjustedRSquared(y, rss, n, p),
        aicc,
        range(points.stream().mapToDouble(Observation::users).toArray()),
        range(points.stream().mapToDouble(Observation::ratePerUser).toArray()),
        residuals);
  }

  /**
   * 1 - (RSS/(n-p)) / (TSS/(n-1)) in the law's own space (ln y for power laws); null for the
   * constant law and for points that do not vary.
   */
  private static Double adjustedRSquared(double[] y, double rss, int n, int p) {
    double mean = 0;
    for (double v : y) {
      mean += v / n;
    }
    double tss = 0;
    for (double v : y) {
      tss += (v - mean) * (v - mean);
    }
    // Points equal but for rounding: no variation to explain.
    if (p == 1 || tss <= n * Math.pow(RESIDUAL_FLOOR * Math.max(Math.abs(mean), 1e-300), 2)) {
      return null;
    }
    return 1 - (rss / (n - p)) / (tss / (n - 1));
  }

  private static double[] range(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new double[] {min, max};
  }
}
