package io.chatnet.operator.rln;

/**
 * Where nodes and the keystore tool find the RLN contract: the chain's JSON-RPC URL, the proxy
 * contract's address and the chain id. From the spec for an external chain; for the in-network
 * chain, the Service URL and the address the deploy step reported.
 */
public record RlnEndpoints(String rpcUrl, String contractAddress, long chainId) {}
