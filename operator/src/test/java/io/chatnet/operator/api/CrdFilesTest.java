package io.chatnet.operator.api;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRDs in crds/ are generated from the API classes, and the build fails when they are stale.
 * {@code make crds} regenerates them (this test with -Dchatnet.crds.update=true).
 */
class CrdFilesTest {
  /** Every custom resource class and the file its CRD lives in. */
  static final List<Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>>> RESOURCES =
      List.of(ChatNetwork.class, ChatExperiment.class, ChatSweep.class);

  static Path crdsDir() {
    return Path.of(System.getProperty("chatnet.repo.dir", "..")).resolve("crds");
  }

  /** The generator sorts printer columns by name; kubectl convention puts Age last. */
  static HasMetadata ageColumnLast(HasMetadata crd, String version) {
    if (crd instanceof CustomResourceDefinition definition) {
      for (var v : definition.getSpec().getVersions()) {
        v.getAdditionalPrinterColumns().sort(Comparator.comparing(c -> "Age".equals(c.getName())));
      }
    }
    return crd;
  }

  @Test
  void committedCrdsMatchTheApiClasses(@TempDir Path out) throws IOException {
    new CRDGenerator()
        .customResourceClasses(RESOURCES.toArray(Class[]::new))
        .forCRDVersions("v1")
        .withPostProcessor(
            new CRDPostProcessor() {
              @Override
              public HasMetadata process(HasMetadata crd, String version) {
                return IntOrStringBounds.apply(ageColumnLast(crd, version));
              }
            })
        .inOutputDir(out.toFile())
        .generate();
    for (var resource : RESOURCES) {
      String crdName = HasMetadata.getFullResourceName(resource);
      GeneratedFile.assertCommitted(
          crdsDir().resolve(crdName + ".yaml"), Files.readString(out.resolve(crdName + "-v1.yml")));
    }
  }
}
