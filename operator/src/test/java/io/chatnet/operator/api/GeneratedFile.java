package io.chatnet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A committed file that is generated from the code (CRDs, their reference): the build fails when it
 * differs from what the generator writes now, and {@code make crds} (-Dchatnet.crds.update=true)
 * rewrites it.
 */
final class GeneratedFile {
  private GeneratedFile() {}

  static void assertCommitted(Path committed, String generated) throws IOException {
    if (Boolean.getBoolean("chatnet.crds.update")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, generated);
    }
    assertThat(committed)
        .as("%s is stale: run `make crds` and commit the result", committed)
        .exists();
    assertThat(Files.readString(committed))
        .as("%s is stale: run `make crds` and commit the result", committed)
        .isEqualTo(generated);
  }
}
