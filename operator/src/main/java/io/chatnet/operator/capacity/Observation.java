package io.chatnet.operator.capacity;

/**
 * One measured value of a quantity at a sweep point: {@code users} status-backend clients each
 * offering {@code ratePerUser} messages per second. {@code source} names the point (its experiment)
 * in residual lists.
 */
public record Observation(String source, double users, double ratePerUser, double value) {}
