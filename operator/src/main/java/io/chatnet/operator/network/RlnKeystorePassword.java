package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The password that encrypts every RLN keystore of a network: the keystore tool writes with it and
 * the node reads with it, so both take it from this one Secret ({@code <network>-rln-password}, key
 * {@value #KEY}), mounted into publishing pods only. Derived one-way from the network's seed (as
 * {@code identity/TrafficSeed} is): a re-created Secret holds the same password, so keystores on
 * retained claims still open, and the seed cannot be recovered from it.
 */
public final class RlnKeystorePassword {
  /** Where publishing pods mount the Secret (the keystore init container and the node). */
  public static final String DIR = "/etc/chatnet/rln-password";

  public static final String KEY = "password";

  /**
   * The variable the node and the keystore tool read --rln-relay-cred-password from (confutils'
   * Envvar source, prefix wakunode2: see {@link NodeStartScript}).
   */
  public static final String ENV = "WAKUNODE2_RLN_RELAY_CRED_PASSWORD";

  static final String LABEL = "chatnet/rln-keystore-password/v1";

  private RlnKeystorePassword() {}

  public static String name(ChatNetwork network) {
    return network.getMetadata().getName() + "-rln-password";
  }

  /** 32 hex digits (128 bits) of HMAC-SHA256(seed, label). */
  public static String derive(String networkSeed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(networkSeed.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  public static Secret build(ChatNetwork network) {
    String password = derive(network.getSpec().getSeed());
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name(network))
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(Labels.network(network))
        .endMetadata()
        .withType("Opaque")
        .withData(
            Map.of(
                KEY,
                Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.US_ASCII))))
        .build();
  }
}
