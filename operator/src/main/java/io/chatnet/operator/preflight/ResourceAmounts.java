package io.chatnet.operator.preflight;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Amounts of resources (cpu in cores, memory in bytes, pods, ...), exact decimals so that "150m"
 * times 1000 is 150 cores. Immutable; names are Kubernetes resource names.
 */
public record ResourceAmounts(Map<String, BigDecimal> values) {
  public static final ResourceAmounts NONE = new ResourceAmounts(Map.of());

  public ResourceAmounts {
    values = Map.copyOf(values);
  }

  public static ResourceAmounts of(Map<String, Quantity> quantities) {
    if (quantities == null) {
      return NONE;
    }
    Map<String, BigDecimal> values = new TreeMap<>();
    quantities.forEach((name, q) -> values.put(name, q.getNumericalAmount()));
    return new ResourceAmounts(values);
  }

  public static ResourceAmounts of(String name, BigDecimal value) {
    return new ResourceAmounts(Map.of(name, value));
  }

  public BigDecimal get(String name) {
    return values.getOrDefault(name, BigDecimal.ZERO);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** Resource names in alphabetical order (cpu, memory, pods...). */
  public Set<String> names() {
    return new java.util.TreeSet<>(values.keySet());
  }

  public ResourceAmounts plus(ResourceAmounts other) {
    Map<String, BigDecimal> sum = new TreeMap<>(values);
    other.values.forEach((k, v) -> sum.merge(k, v, BigDecimal::add));
    return new ResourceAmounts(sum);
  }

  public ResourceAmounts minus(ResourceAmounts other) {
    Map<String, BigDecimal> difference = new TreeMap<>(values);
    other.values.forEach((k, v) -> difference.merge(k, v.negate(), BigDecimal::add));
    return new ResourceAmounts(difference);
  }

  /** Per resource, the larger of the two (a resource missing from one counts as zero). */
  public ResourceAmounts max(ResourceAmounts other) {
    Map<String, BigDecimal> max = new TreeMap<>(values);
    other.values.forEach((k, v) -> max.merge(k, v, BigDecimal::max));
    return new ResourceAmounts(max);
  }

  public ResourceAmounts times(long factor) {
    Map<String, BigDecimal> product = new TreeMap<>();
    values.forEach((k, v) -> product.put(k, v.multiply(BigDecimal.valueOf(factor))));
    return new ResourceAmounts(product);
  }

  /** "cpu 1.5, memory 2Gi" in name order, zero amounts left out. */
  public String describe() {
    String text =
        new TreeMap<>(values)
            .entrySet().stream()
                .filter(e -> e.getValue().signum() != 0)
                .map(e -> e.getKey() + " " + format(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    return text.isEmpty() ? "nothing" : text;
  }

  /** A human reading of an amount: cpu in cores (or m below one), bytes with a binary suffix. */
  public static String format(String resource, BigDecimal amount) {
    if (isBytes(resource)) {
      String[] units = {"", "Ki", "Mi", "Gi", "Ti", "Pi"};
      BigDecimal value = amount;
      int unit = 0;
      BigDecimal k = BigDecimal.valueOf(1024);
      while (value.abs().compareTo(k) >= 0 && unit < units.length - 1) {
        value = value.divide(k, 10, RoundingMode.HALF_UP);
        unit++;
      }
      return plain(
              value.setScale(
                  value.abs().compareTo(BigDecimal.TEN) >= 0 ? 0 : 1, RoundingMode.HALF_UP))
          + units[unit];
    }
    if (resource.endsWith("cpu")
        && amount.abs().compareTo(BigDecimal.ONE) < 0
        && amount.signum() != 0) {
      return plain(amount.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.HALF_UP))
          + "m";
    }
    return plain(amount.setScale(Math.min(Math.max(amount.scale(), 0), 3), RoundingMode.HALF_UP));
  }

  private static boolean isBytes(String resource) {
    return resource.endsWith("memory")
        || resource.endsWith("storage")
        || resource.contains("hugepages");
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
