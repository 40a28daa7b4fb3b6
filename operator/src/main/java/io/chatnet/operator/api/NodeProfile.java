package io.chatnet.operator.api;

/**
 * How the operator starts one nwaku / logos-delivery release: facts read from the release's tag
 * (cited in {@link NodeVersion}), checked against its option list by the conformance tests.
 *
 * @param defaultImage the image a group runs when it names none, pinned by tag
 * @param binary the node binary in that image (the Dockerfile's entrypoint symlink)
 * @param numShardsInNetworkDefault the release's default of --num-shards-in-network (1 makes
 *     start-up refuse any --shard above 0)
 * @param legacyStoreFlag whether the release has --legacy-store (store v2 next to store v3)
 * @param modeFlag whether the release has --mode (logos-delivery; its default, noMode, applies the
 *     protocol flags as given)
 * @param entryLayerFlag whether the release has --entry-layer
 */
public record NodeProfile(
    String defaultImage,
    String binary,
    int numShardsInNetworkDefault,
    boolean legacyStoreFlag,
    boolean modeFlag,
    boolean entryLayerFlag) {}
