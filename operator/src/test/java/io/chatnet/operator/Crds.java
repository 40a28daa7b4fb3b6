package io.chatnet.operator;

import io.chatnet.testkit.CrdInstaller;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Installs the committed CRDs (crds/) on the local cluster: tests exercise exactly those. */
public final class Crds {
  private Crds() {}

  public static void install(KubernetesClient client) {
    CrdInstaller.install(client);
  }
}
