package io.chatnet.operator;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.config.BuildDefaults;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The manifests in test-scenarios/, loaded as API objects, and defaults for builders. */
public final class Scenarios {
  public static final BuildDefaults DEFAULTS =
      new BuildDefaults("nicolaka/netshoot:v0.13", "chatnet/loadgen:test", "cluster.local", 2);

  private Scenarios() {}

  public static Path dir() {
    return Path.of(System.getProperty("chatnet.repo.dir", "..")).resolve("test-scenarios");
  }

  /** A scenario's ChatNetwork as the API server would hand it over (namespace and uid set). */
  public static ChatNetwork network(String file, String namespace) {
    ChatNetwork network = manifest(file, namespace, null);
    network.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
    network.getMetadata().setGeneration(1L);
    return network;
  }

  /** A scenario's manifest, to create on a cluster, optionally under another name. */
  public static ChatNetwork manifest(String file, String namespace, String name) {
    try {
      ChatNetwork network =
          Serialization.unmarshal(Files.readString(dir().resolve(file)), ChatNetwork.class);
      network.getMetadata().setNamespace(namespace);
      if (name != null) {
        network.getMetadata().setName(name);
      }
      return network;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
