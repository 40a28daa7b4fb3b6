package io.chatnet.operator.api;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
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
      List.of(ChatNetwork.class, ChatExperiment.class);

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

  /**
   * Longest int-or-string value (a quantity such as {@code 512Mi}). The generator applies
   * {@code @Size} to string schemas only, and the admission rules that parse quantities (see
   * ContainerResources) stay within the API server's CEL cost budget only when values are bounded.
   */
  static final long QUANTITY_MAX_LENGTH = 64;

  static HasMetadata boundedQuantities(HasMetadata crd) {
    if (crd instanceof CustomResourceDefinition definition) {
      for (var v : definition.getSpec().getVersions()) {
        bound(v.getSchema().getOpenAPIV3Schema());
      }
    }
    return crd;
  }

  private static void bound(JSONSchemaProps schema) {
    if (schema == null) {
      return;
    }
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString()) && schema.getMaxLength() == null) {
      schema.setMaxLength(QUANTITY_MAX_LENGTH);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(CrdFilesTest::bound);
    }
    if (schema.getItems() != null) {
      bound(schema.getItems().getSchema());
    }
    if (schema.getAdditionalProperties() != null) {
      bound(schema.getAdditionalProperties().getSchema());
    }
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
                return boundedQuantities(ageColumnLast(crd, version));
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
