package io.chatnet.contract;

/**
 * The figures of one kind of traffic over a shard's measurement window. {@code unknown} receipts
 * are those no reader could observe (a relay node's REST cache overflowed or a read failed after
 * the send): they are neither in {@code expected} nor {@code lost}, so the delivery ratio covers
 * receipts whose fate is known.
 */
public record Figures(
    long sent,
    long failed,
    long expected,
    long received,
    long duplicates,
    long late,
    long lost,
    long acked,
    Double deliveryRatio,
    LatencySummary latencyMillis,
    long unknown) {}
