package io.chatnet.operator.e2e;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** E2eCheck's inputs: the manifests it applies (its client: {@code config.KubeconfigClient}). */
final class E2eFiles {
  private E2eFiles() {}

  static <T> T read(Path file, Class<T> type) {
    try {
      return Serialization.unmarshal(Files.readString(file), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
