package io.chatnet.testkit.image;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of a test of the image tarball its module's build wrote: read once per class, with its
 * layers unpacked into a temporary root file system.
 */
public abstract class BuiltImageTest {
  @TempDir protected static Path work;
  protected static ImageTarball image;
  protected static ImageRootFs rootFs;

  @BeforeAll
  static void unpackBuiltImage() throws Exception {
    image = ImageTarball.built(work.resolve("tar"));
    rootFs = ImageRootFs.unpack(image, work.resolve("root"));
  }
}
