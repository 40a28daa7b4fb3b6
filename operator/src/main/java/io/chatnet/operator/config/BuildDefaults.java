package io.chatnet.operator.config;

/**
 * Operator-wide defaults the manifest builders fill in, as a plain value so builders stay pure and
 * unit tests need no Quarkus. nwaku groups without an image run their version's release image
 * (io.chatnet.operator.api.NodeVersion), not an operator-wide one: an image must match the flags of
 * the version it runs.
 */
public record BuildDefaults(
    String netemImage,
    String loadgenImage,
    String clusterDomain,
    int experimentDeadlineMarginSeconds) {}
