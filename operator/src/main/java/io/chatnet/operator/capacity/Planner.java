package io.chatnet.operator.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans a network: per pod bandwidth, CPU and memory from a fitted {@link CapacityModel} or, with
 * none, from the published {@link Baseline}; then the machines each limit needs (totals over the
 * relay and client pods divided by one machine's capacity, a lower bound as pods are small against
 * a machine) and the limit that binds first. Pure.
 */
public final class Planner {
  private Planner() {}

  public static CapacityPlan plan(PlanRequest request, CapacityModel model) {
    check(request, model);
    List<String> notes = new ArrayList<>();
    int relays;
    String relaysFrom;
    if (request.relayNodes() != null) {
      relays = request.relayNodes();
      relaysFrom = "given";
    } else if (model != null) {
      relays = (int) Math.max(1, Math.ceil(request.users() * model.relayNodesPerUser()));
      relaysFrom = "the model's points' shape, " + model.relayNodesPerUser() + " per user";
    } else {
      relays = (int) request.users();
      relaysFrom = "one per user, the shape of test-scenarios/sweep-users.yaml";
    }
    List<CapacityPlan.Figure> figures = new ArrayList<>();
    if (model == null) {
      double bw = Baseline.relayBandwidth(request.envelopesPerSecond(), request.messageBytes());
      figures.add(
          new CapacityPlan.Figure(
              Quantity.RELAY_BANDWIDTH_IN, Prediction.exact(bw), Baseline.SOURCE));
      figures.add(
          new CapacityPlan.Figure(
              Quantity.RELAY_BANDWIDTH_OUT, Prediction.exact(bw), Baseline.SOURCE));
    } else {
      double rate = request.messagesPerSecond() / request.users();
      double scale = 1;
      if (model.payloadBytes() != null && model.payloadBytes() != request.messageBytes()) {
        scale = request.messageBytes() / model.payloadBytes();
        notes.add(
            "bandwidth scaled linearly from the model's payload of "
                + model.payloadBytes()
                + " B to "
                + (long) request.messageBytes()
                + " B");
      }
      for (Quantity q : Quantity.values()) {
        var law = model.law(q);
        if (law.isEmpty()) {
          continue;
        }
        Prediction p = law.get().predict(request.users(), rate, request.level());
        if (q.unit() == Quantity.Unit.BYTES_PER_SECOND) {
          p = p.times(scale);
        }
        figures.add(
            new CapacityPlan.Figure(
                q,
                p,
                "model: "
                    + law.get().law().formula()
                    + (p.extrapolated() ? " (extrapolated)" : "")));
        if (p.extrapolated() && notes.stream().noneMatch(n -> n.startsWith("extrapolated"))) {
          notes.add(
              "extrapolated: "
                  + request.users()
                  + " users at "
                  + String.format(java.util.Locale.ROOT, "%.3g", rate)
                  + " msg/s each lies outside the measured points; the laws are assumed to hold there");
        }
      }
    }
    fallback(
        figures, Quantity.RELAY_CPU, Baseline.RELAY_CPU_CORES, Baseline.RELAY_RESOURCES_SOURCE);
    fallback(
        figures,
        Quantity.RELAY_MEMORY,
        Baseline.RELAY_MEMORY_BYTES,
        Baseline.RELAY_RESOURCES_SOURCE);
    if (request.users() > 0) {
      fallback(
          figures,
          Quantity.CLIENT_CPU,
          Baseline.CLIENT_CPU_CORES,
          Baseline.CLIENT_RESOURCES_SOURCE);
      fallback(
          figures,
          Quantity.CLIENT_MEMORY,
          Baseline.CLIENT_MEMORY_BYTES,
          Baseline.CLIENT_RESOURCES_SOURCE);
    }
    figures.sort(java.util.Comparator.comparing(CapacityPlan.Figure::quantity));

    long clients = request.users();
    List<CapacityPlan.Limit> limits = new ArrayList<>();
    limits.add(
        limit(
            "CPU (cores)",
            relays,
            clients,
            figure(figures, Quantity.RELAY_CPU),
            figure(figures, Quantity.CLIENT_CPU),
            request.nodeCpuCores()));
    limits.add(
        limit(
            "memory (bytes)",
            relays,
            clients,
            figure(figures, Quantity.RELAY_MEMORY),
            figure(figures, Quantity.CLIENT_MEMORY),
            request.nodeMemoryBytes()));
    double pods = relays + clients;
    limits.add(
        new CapacityPlan.Limit(
            "pods",
            pods,
            pods,
            request.maxPodsPerNode(),
            nodes(pods, request.maxPodsPerNode()),
            nodes(pods, request.maxPodsPerNode())));
    if (request.nodeBandwidth() != null) {
      // In and out each have the link's capacity; relay traffic alone (clients' is not modelled).
      Prediction in = figure(figures, Quantity.RELAY_BANDWIDTH_IN);
      Prediction out = figure(figures, Quantity.RELAY_BANDWIDTH_OUT);
      double demand = relays * Math.max(in.value(), out.value());
      double high = relays * Math.max(in.predictionHigh(), out.predictionHigh());
      limits.add(
          new CapacityPlan.Limit(
              "bandwidth (bytes/s)",
              demand,
              high,
              request.nodeBandwidth(),
              nodes(demand, request.nodeBandwidth()),
              nodes(high, request.nodeBandwidth())));
    }
    CapacityPlan.Limit binding = limits.get(0);
    for (CapacityPlan.Limit l : limits) {
      if (l.demand() / l.perNode() > binding.demand() / binding.perNode()) {
        binding = l;
      }
    }
    long atHigh = limits.stream().mapToLong(CapacityPlan.Limit::nodesAtBandHigh).max().orElse(0);
    return new CapacityPlan(
        request,
        model == null
            ? Baseline.SOURCE
            : "fitted model of "
                + model.points().size()
                + " points ("
                + String.join(", ", model.points())
                + ")",
        relays,
        relaysFrom,
        figures,
        limits,
        binding.nodes(),
        atHigh,
        binding.name(),
        notes);
  }

  private static CapacityPlan.Limit limit(
      String name, int relays, long clients, Prediction relay, Prediction client, double perNode) {
    double demand = relays * relay.value() + (client == null ? 0 : clients * client.value());
    double high =
        relays * relay.predictionHigh() + (client == null ? 0 : clients * client.predictionHigh());
    return new CapacityPlan.Limit(
        name, demand, high, perNode, nodes(demand, perNode), nodes(high, perNode));
  }

  private static long nodes(double demand, double perNode) {
    // A hair under a whole number is that number (sums of decimal requests).
    return (long) Math.ceil(demand / perNode - 1e-9);
  }

  private static Prediction figure(List<CapacityPlan.Figure> figures, Quantity q) {
    return figures.stream()
        .filter(f -> f.quantity() == q)
        .map(CapacityPlan.Figure::prediction)
        .findFirst()
        .orElse(null);
  }

  private static void fallback(
      List<CapacityPlan.Figure> figures, Quantity q, double value, String source) {
    if (figure(figures, q) == null) {
      figures.add(new CapacityPlan.Figure(q, Prediction.exact(value), source));
    }
  }

  /** Refuses a request that cannot be planned, naming the option. */
  static void check(PlanRequest r, CapacityModel model) {
    if (r.users() < 0) {
      throw new IllegalArgumentException("--users must be 0 or more, not " + r.users());
    }
    if ((r.ratePerUser() == null) == (r.networkRate() == null)) {
      throw new IllegalArgumentException(
          "give exactly one of --rate (per user) and --network-rate");
    }
    if (r.ratePerUser() != null && (r.ratePerUser() <= 0 || r.users() == 0)) {
      throw new IllegalArgumentException(
          "--rate needs --users above 0 and a rate above 0 (got users "
              + r.users()
              + ", rate "
              + r.ratePerUser()
              + "); for relay publishes alone use --network-rate");
    }
    if (r.networkRate() != null && r.networkRate() <= 0) {
      throw new IllegalArgumentException("--network-rate must be above 0, not " + r.networkRate());
    }
    if (r.traffic() == Traffic.PRIVATE_GROUPS && (r.groupSize() == null || r.groupSize() < 2)) {
      throw new IllegalArgumentException(
          "--traffic private-groups needs --group-size of 2 or more");
    }
    if (r.messageBytes() <= 0) {
      throw new IllegalArgumentException("--message-size must be above 0");
    }
    if (r.users() == 0 && r.relayNodes() == null) {
      throw new IllegalArgumentException("with no users, give the relay node count: --relay-nodes");
    }
    if (r.relayNodes() != null && r.relayNodes() < 1) {
      throw new IllegalArgumentException("--relay-nodes must be 1 or more, not " + r.relayNodes());
    }
    if (r.nodeCpuCores() <= 0 || r.nodeMemoryBytes() <= 0 || r.maxPodsPerNode() < 1) {
      throw new IllegalArgumentException(
          "--node-cpu, --node-memory and --max-pods must be above 0");
    }
    if (r.nodeBandwidth() != null && r.nodeBandwidth() <= 0) {
      throw new IllegalArgumentException("--node-bandwidth must be above 0");
    }
    if (model != null) {
      if (r.users() == 0) {
        throw new IllegalArgumentException(
            "the model's laws are functions of users: give --users above 0, or plan without --model");
      }
      if (model.traffic() != r.traffic()
          || (r.traffic() == Traffic.PRIVATE_GROUPS
              && !Objects.equals(model.groupSize(), r.groupSize()))) {
        throw new IllegalArgumentException(
            "the model was fitted on "
                + model.describeTraffic()
                + " traffic, the plan asks for "
                + (r.traffic() == Traffic.PRIVATE_GROUPS
                    ? r.traffic().label() + " of " + r.groupSize()
                    : r.traffic().label())
                + ": fit a sweep of that traffic, or plan without --model");
      }
    }
  }
}
