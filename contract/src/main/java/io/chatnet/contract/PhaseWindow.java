package io.chatnet.contract;

import java.time.Instant;

/**
 * When a phase of a shard's run actually ran: from the instant it began to the instant it ended
 * (the planned instants, or later when the shard was late). The operator reads Prometheus between
 * them, e.g. the idle baseline: {@code rate(...[to - from])} at {@code to}.
 */
public record PhaseWindow(Instant from, Instant to) {}
