package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatSweep;
import io.chatnet.operator.api.NodeGroup;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every image a scenario in test-scenarios/ runs, its own or a version profile's default, is pinned
 * by a tag other than latest or by a digest: a rerun of a scenario must run the same code.
 */
class PinnedImagesTest {
  /** name:tag (the tag not "latest") or name@sha256:digest; a registry port is not a tag. */
  static final Pattern PINNED =
      Pattern.compile("^[^@\\s]+(@sha256:[0-9a-f]{64}|:(?!latest$)[\\w][\\w.-]{0,127})$");

  static boolean pinned(String image) {
    String afterRegistry = image.substring(image.indexOf('/') + 1);
    return PINNED.matcher(image).matches() && afterRegistry.matches(".*[:@].*");
  }

  @Test
  void theCheckTellsPinnedFromFloating() {
    assertThat(pinned("wakuorg/nwaku:v0.36.0")).isTrue();
    assertThat(pinned("harbor.status.im/wakuorg/nwaku:v0.38.1")).isTrue();
    assertThat(pinned("reg:5000/x@sha256:" + "a".repeat(64))).isTrue();
    assertThat(pinned("soutullostatus/status-backend:latest")).isFalse();
    assertThat(pinned("soutullostatus/status-backend")).isFalse();
    assertThat(pinned("reg:5000/status-backend")).isFalse();
  }

  @Test
  void everyScenarioImageIsPinned() throws IOException {
    List<String> images = new ArrayList<>();
    // walk: test-scenarios/e2e/ holds the manifests make e2e runs with real images
    try (Stream<Path> files = Files.walk(Scenarios.dir())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
          ChatNetwork network;
          if (document.contains("kind: ChatNetwork")) {
            network = Serialization.unmarshal(document, ChatNetwork.class);
          } else if (document.contains("kind: ChatSweep")) {
            // a sweep's base network: the images every point's network runs
            ChatSweep sweep = Serialization.unmarshal(document, ChatSweep.class);
            network = new ChatNetwork();
            network.setMetadata(sweep.getMetadata());
            network.setSpec(sweep.getSpec().getNetwork());
          } else {
            continue;
          }
          network.getMetadata().setNamespace("ns");
          for (NodeGroup group : network.getSpec().getGroups()) {
            PodSpec pod =
                GroupStatefulSet.build(network, group, 1, Scenarios.DEFAULTS)
                    .getSpec()
                    .getTemplate()
                    .getSpec();
            Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                .map(Container::getImage)
                .forEach(image -> images.add(Scenarios.dir().relativize(file) + ": " + image));
          }
        }
      }
    }
    assertThat(images).hasSizeGreaterThan(20);
    assertThat(images)
        .allSatisfy(line -> assertThat(pinned(line.split(": ")[1])).as(line).isTrue());
  }
}
