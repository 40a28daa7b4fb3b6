package io.chatnet.operator.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The traffic seed an experiment uses when it names none, derived one-way from the network's seed.
 * The network's seed is what every node key derives from ({@link NodeKey#derive}), so it must not
 * travel into the plan ConfigMap, the load generator's pods or their logs; an HMAC of it keeps runs
 * reproducible (the same network seed gives the same traffic) without giving the keys away.
 */
public final class TrafficSeed {
  static final String LABEL = "chatnet/traffic-seed/v1";

  private TrafficSeed() {}

  public static String fromNetworkSeed(String networkSeed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(networkSeed.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8));
      return "net-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
