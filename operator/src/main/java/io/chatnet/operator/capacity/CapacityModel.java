package io.chatnet.operator.capacity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Laws fitted from a sweep's points, one per quantity the points measured (model.json). Every point
 * must carry the same traffic (and group size): the laws are functions of users and rate per user
 * for that mix. {@code relayNodesPerUser} is the points' median shape, which a plan uses when it is
 * given no relay count; {@code payloadBytes} the message size the points sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityModel(
    String schema,
    Traffic traffic,
    Integer groupSize,
    Integer payloadBytes,
    double relayNodesPerUser,
    List<String> points,
    Map<Quantity, LawFitter.Selection> fits,
    List<String> notFitted) {
  public static final String SCHEMA = "chatnet.io/capacity-model/v1";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** Fits every quantity; refuses points of different traffic, or none with users and a rate. */
  public static CapacityModel fit(List<SweepPoint> sweep) {
    List<SweepPoint> usable =
        sweep.stream().filter(p -> p.users() > 0 && p.ratePerUser() > 0).toList();
    if (usable.isEmpty()) {
      throw new IllegalArgumentException(
          "no point has users and a message rate per user above zero: nothing to fit");
    }
    SweepPoint first = usable.get(0);
    for (SweepPoint p : usable) {
      if (p.traffic() != first.traffic()
          || !java.util.Objects.equals(p.groupSize(), first.groupSize())) {
        throw new IllegalArgumentException(
            "points of different traffic: "
                + first.source()
                + " is "
                + describe(first)
                + ", "
                + p.source()
                + " is "
                + describe(p)
                + "; fit one traffic mix at a time");
      }
    }
    Map<Quantity, LawFitter.Selection> fits = new EnumMap<>(Quantity.class);
    List<String> notFitted = new ArrayList<>();
    for (Quantity q : Quantity.values()) {
      List<Observation> obs = new ArrayList<>();
      for (SweepPoint p : usable) {
        Double v = p.measured().get(q);
        if (v != null && Double.isFinite(v)) {
          obs.add(new Observation(p.source(), p.users(), p.ratePerUser(), v));
        }
      }
      if (obs.isEmpty()) {
        continue;
      }
      Optional<LawFitter.Selection> selection = LawFitter.select(obs);
      if (selection.isPresent()) {
        fits.put(q, selection.get());
      } else {
        notFitted.add(q.name() + ": " + obs.size() + " measured points, too few for any law");
      }
    }
    double[] shape =
        usable.stream().mapToDouble(p -> p.relayNodes() / p.users()).sorted().toArray();
    double median =
        shape.length % 2 == 1
            ? shape[shape.length / 2]
            : (shape[shape.length / 2 - 1] + shape[shape.length / 2]) / 2;
    return new CapacityModel(
        SCHEMA,
        first.traffic(),
        first.groupSize(),
        first.payloadBytes(),
        median,
        usable.stream().map(SweepPoint::source).toList(),
        fits,
        notFitted.isEmpty() ? null : notFitted);
  }

  /** The chosen law of a quantity, if it was fitted. */
  public Optional<LawFit> law(Quantity quantity) {
    LawFitter.Selection s = fits.get(quantity);
    return s == null ? Optional.empty() : Optional.of(s.best());
  }

  public String describeTraffic() {
    return traffic == Traffic.PRIVATE_GROUPS
        ? traffic.label() + " of " + groupSize
        : traffic.label();
  }

  private static String describe(SweepPoint p) {
    return p.traffic() == Traffic.PRIVATE_GROUPS
        ? p.traffic().label() + " of " + p.groupSize()
        : p.traffic().label();
  }

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the capacity model as JSON", e);
    }
  }

  /** Reads a model.json; {@code source} names it in the error when it is not one. */
  public static CapacityModel read(String json, String source) {
    CapacityModel model;
    try {
      model = MAPPER.readValue(json, CapacityModel.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source + " is not a readable capacity model: " + e.getOriginalMessage(), e);
    }
    if (!SCHEMA.equals(model.schema()) || model.fits() == null || model.traffic() == null) {
      throw new IllegalArgumentException(
          source + " is not a chatnet capacity model (schema " + SCHEMA + ")");
    }
    return model;
  }
}
