package io.chatnet.operator.capacity;

/**
 * A sweep point's RLN figures, beside the fitted quantities (the capacity laws are in users and
 * rate, not in the limit): the network's user message limit (null: RLN off), the share of attempted
 * sends the limit refused and the nodes' estimated validation time in seconds (null: not measured).
 */
public record RlnPoint(Integer userMessageLimit, Double refusedShare, Double validationSeconds) {}
