package io.chatnet.operator.capacity;

/**
 * The candidate forms of a capacity law: a quantity y as a function of users U and the message rate
 * per user r (load L = U * r, messages per second network-wide). Each is linear in its
 * coefficients, in y or in ln y, so one least-squares fit solves it; power laws are fitted in log
 * space (multiplicative noise).
 */
public enum Law {
  /** y = a: the quantity does not grow with the load. */
  CONSTANT("y = a", false, 1),
  /** y = a + b * U*r: proportional to the network-wide message rate. */
  LINEAR_LOAD("y = a + b*U*r", false, 2),
  /** y = a + b * U + c * U*r: a cost per user on top of the message rate's. */
  LINEAR_USERS_LOAD("y = a + b*U + c*U*r", false, 3),
  /** y = a * (U*r)^b: a power of the message rate. */
  POWER_LOAD("y = a*(U*r)^b", true, 2),
  /** y = a * U^b * r^c: users and rate with their own exponents. */
  POWER_USERS_RATE("y = a*U^b*r^c", true, 3);

  private final String formula;
  private final boolean logSpace;
  private final int coefficients;

  Law(String formula, boolean logSpace, int coefficients) {
    this.formula = formula;
    this.logSpace = logSpace;
    this.coefficients = coefficients;
  }

  public String formula() {
    return formula;
  }

  /** Fitted on ln y (and ln of the inputs): needs every y, U and r above zero. */
  public boolean logSpace() {
    return logSpace;
  }

  public int coefficients() {
    return coefficients;
  }

  /** The regression row of a point: the terms the coefficients multiply, intercept first. */
  double[] row(double users, double rate) {
    double load = users * rate;
    return switch (this) {
      case CONSTANT -> new double[] {1};
      case LINEAR_LOAD -> new double[] {1, load};
      case LINEAR_USERS_LOAD -> new double[] {1, users, load};
      case POWER_LOAD -> new double[] {1, Math.log(load)};
      case POWER_USERS_RATE -> new double[] {1, Math.log(users), Math.log(rate)};
    };
  }

  /** The law's coefficients (a, b, c) from the regression's: a = e^b0 for power laws. */
  double[] readable(double[] beta) {
    double[] out = beta.clone();
    if (logSpace) {
      out[0] = Math.exp(beta[0]);
    }
    return out;
  }

  /** The regression's response for y. */
  double response(double y) {
    return logSpace ? Math.log(y) : y;
  }

  /** y for a regression response. */
  double value(double response) {
    return logSpace ? Math.exp(response) : response;
  }
}
