package io.chatnet.operator.config;

/**
 * Operator-wide defaults the manifest builders fill in, as a plain value so builders stay pure and
 * unit tests need no Quarkus.
 */
public record BuildDefaults(
    String nwakuImage,
    String netemImage,
    String loadgenImage,
    String clusterDomain,
    int experimentDeadlineMarginSeconds) {}
