package io.chatnet.operator.network;

/**
 * Ports the operator configures on nwaku and status-backend. nwaku's own defaults (REFERENCE.md:
 * nwaku external_config.nim): libp2p TCP 60000, discv5 UDP 9000, REST 8645, metrics 8008.
 */
public final class WakuPorts {
  public static final int LIBP2P = 60000;
  public static final int DISCV5 = 9000;
  public static final int REST = 8645;
  public static final int METRICS = 8008;

  /** status-backend's HTTP API (status-backend --address). */
  public static final int CLIENT_API = 3333;

  /** status-backend's Prometheus endpoint (InitializeApplication metricsAddress). */
  public static final int CLIENT_METRICS = 9100;

  private WakuPorts() {}
}
