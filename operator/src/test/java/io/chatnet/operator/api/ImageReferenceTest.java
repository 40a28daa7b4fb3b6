package io.chatnet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image rule follows the reference grammar the kubelet parses (distribution/reference): the API
 * server evaluates the same pattern with RE2, which agrees with java.util.regex on it (no
 * backreferences or lookaround).
 */
class ImageReferenceTest {
  static final Pattern PATTERN = Pattern.compile(ImageReference.PATTERN);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "busybox",
        "sb:1",
        "wakuorg/nwaku:v0.36.0",
        "soutullostatus/status-backend:b22c58bd",
        "nicolaka/netshoot:v0.13",
        "localhost/chatnet/loadgen:dev",
        "localhost:5000/chatnet/loadgen:test_1.0-rc",
        "registry.example.com:5000/team/status-backend:v1",
        "MyRegistry.example.com/team/name:1",
        "ghcr.io/org/repo__x/name-y.z:1.0_rc",
        "quay.io/org/name@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "quay.io/org/name:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void acceptsWhatTheKubeletPulls(String image) {
    assertThat(PATTERN.matcher(image).matches()).as(image).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wakuorg/NWaku:v0.36.0",
        "busybox 1.36",
        " busybox",
        "busybox:",
        "busybox:-1",
        "busybox::1",
        "-busybox",
        "busybox-",
        "team//name",
        "name@sha256:short",
        "registry.example.com:port/name",
        "name:tag-longer-than-128-charstttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"
            + "tttttttttttttttttttttttttttttttttttttttttttt"
      })
  void refusesWhatTheKubeletCannotParse(String image) {
    assertThat(PATTERN.matcher(image).matches()).as(image).isFalse();
  }
}
