package io.chatnet.loadgen.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A display name status-go accepts, derived from the pod name: deterministic, and distinct for
 * distinct pod names. status-go's CreateAccount.Validate runs common.ValidateDisplayName (common/
 * utils.go @ c72f4913; same rule in the newer request): after trimming, it must match {@code
 * ^[\w-\s]{5,24}$} (Go's \w is ASCII [0-9A-Za-z_]), must not end in _eth, .eth or -eth, and must
 * not be a three-word generated alias (a name without spaces never is).
 */
public final class DisplayName {
  static final Pattern VALID = Pattern.compile("^[0-9A-Za-z_\\-\\s]{5,24}$");
  static final List<String> ETH_SUFFIXES = List.of("_eth", ".eth", "-eth");
  private static final int MAX = 24;
  private static final int HASH_CHARS = 8;

  private DisplayName() {}

  /**
   * The pod name itself when it is valid as it stands; otherwise 8 hex characters of its SHA-256, a
   * hyphen and the pod name's tail (where a StatefulSet puts the ordinal), with characters
   * status-go refuses replaced by hyphens.
   */
  public static String of(String podName) {
    String clean = podName.replaceAll("[^0-9A-Za-z_-]", "-");
    if (clean.equals(podName) && valid(clean)) {
      return clean;
    }
    int tailLength = MAX - HASH_CHARS - 1;
    String tail =
        clean.length() > tailLength ? clean.substring(clean.length() - tailLength) : clean;
    String name = hash(podName) + "-" + tail;
    if (!valid(name)) {
      // only an eth suffix can still be wrong: end on the hash instead
      name = tail.substring(0, Math.min(tail.length(), tailLength)) + "-" + hash(podName);
    }
    return name;
  }

  /**
   * The rules status-go applies (minus the alias word lists, which a name without spaces avoids).
   */
  public static boolean valid(String name) {
    String trimmed = name.strip();
    return VALID.matcher(trimmed).matches() && ETH_SUFFIXES.stream().noneMatch(trimmed::endsWith);
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
