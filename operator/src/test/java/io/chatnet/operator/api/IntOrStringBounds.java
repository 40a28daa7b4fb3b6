package io.chatnet.operator.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Map;

/**
 * Bounds the string form of chatnet's int-or-string fields, which the CRD generator leaves
 * unbounded (it ignores @Size on IntOrString). Without a maxLength the API server estimates a CEL
 * rule on such a field at the largest possible string and refuses the CRD over its cost budget;
 * maxLength applies to the string form only, integers pass untouched.
 */
final class IntOrStringBounds {
  /** Property name to the longest string it may hold. */
  static final Map<String, Long> MAX_LENGTH = Map.of("readyThreshold", 8L);

  /**
   * Any other int-or-string value is a quantity such as {@code 512Mi}: the admission rules that
   * parse quantities (see ContainerResources) stay within the cost budget only when it is bounded.
   */
  static final long QUANTITY_MAX_LENGTH = 64;

  private IntOrStringBounds() {}

  static HasMetadata apply(HasMetadata crd) {
    if (crd instanceof CustomResourceDefinition definition) {
      for (var version : definition.getSpec().getVersions()) {
        visit(version.getSchema().getOpenAPIV3Schema());
      }
    }
    return crd;
  }

  private static void visit(JSONSchemaProps schema) {
    if (schema == null) {
      return;
    }
    // A field a @SchemaSwap leaves out (ChatSweep's base experiment has no networkRef) stays in
    // the generator's required list; required names only properties the schema has.
    if (schema.getRequired() != null && schema.getProperties() != null) {
      schema.getRequired().removeIf(name -> !schema.getProperties().containsKey(name));
    }
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString()) && schema.getMaxLength() == null) {
      schema.setMaxLength(QUANTITY_MAX_LENGTH);
    }
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach(
              (name, property) -> {
                Long max = MAX_LENGTH.get(name);
                if (max != null && Boolean.TRUE.equals(property.getXKubernetesIntOrString())) {
                  property.setMaxLength(max);
                }
                visit(property);
              });
    }
    if (schema.getItems() != null) {
      visit(schema.getItems().getSchema());
    }
    if (schema.getAdditionalProperties() != null) {
      visit(schema.getAdditionalProperties().getSchema());
    }
  }
}
