package io.chatnet.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The field reference in docs/reference/crds.md, written from the CRDs in crds/ (their
 * openAPIV3Schema), so the page says exactly what the API server enforces: per kind, every field
 * path with its type, default, bounds, enum, pattern, whether it is required and its description,
 * and the CEL rules with their messages. Pure: CRDs in, Markdown out.
 */
public final class CrdReference {
  private CrdReference() {}

  /** The CRDs in a directory (every *.yaml), sorted by kind. */
  public static List<CustomResourceDefinition> read(Path crdsDir) {
    try (Stream<Path> files = Files.list(crdsDir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .map(CrdReference::parse)
          .sorted(Comparator.comparing(crd -> crd.getSpec().getNames().getKind()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CustomResourceDefinition parse(Path file) {
    try {
      return Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD " + file, e);
    }
  }

  public static String markdown(List<CustomResourceDefinition> crds) {
    StringBuilder out = new StringBuilder();
    out.append("# CRD field reference\n\n")
        .append(
            "Generated from `crds/*.yaml` by `CrdReference` (operator test sources): `make crds`")
        .append(" regenerates it with the CRDs, and the build fails when it is stale. Do not edit")
        .append(" by hand; descriptions come from the API classes in")
        .append(" `operator/src/main/java/io/chatnet/operator/api/`.\n\n");
    out.append("Kinds: ")
        .append(
            crds.stream()
                .map(crd -> crd.getSpec().getNames().getKind())
                .map(kind -> "[" + kind + "](#" + kind.toLowerCase() + ")")
                .collect(Collectors.joining(", ")))
        .append(".\n");
    for (CustomResourceDefinition crd : crds) {
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        kind(out, crd, version);
      }
    }
    return out.toString();
  }

  private static void kind(
      StringBuilder out, CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    var names = crd.getSpec().getNames();
    out.append("\n## ").append(names.getKind()).append("\n\n");
    out.append('`')
        .append(crd.getSpec().getGroup())
        .append('/')
        .append(version.getName())
        .append("`, ")
        .append(crd.getSpec().getScope().toLowerCase())
        .append(", plural `")
        .append(names.getPlural())
        .append('`');
    if (names.getShortNames() != null && !names.getShortNames().isEmpty()) {
      out.append(", short names ")
          .append(
              names.getShortNames().stream()
                  .map(n -> "`" + n + "`")
                  .collect(Collectors.joining(", ")));
    }
    out.append(
        version.getSubresources() != null && version.getSubresources().getStatus() != null
            ? "; status is a subresource.\n"
            : ".\n");
    List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
    if (columns != null && !columns.isEmpty()) {
      out.append("\n`kubectl get` columns:\n\n| Column | From | Description |\n|---|---|---|\n");
      for (CustomResourceColumnDefinition column : columns) {
        row(out, column.getName(), code(column.getJsonPath()), text(column.getDescription()));
      }
    }
    List<Field> fields = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    walk("", version.getSchema().getOpenAPIV3Schema(), false, fields, rules);
    out.append(
        "\n### Fields\n\n| Field | Type | Required | Default | Limits | Description |\n"
            + "|---|---|---|---|---|---|\n");
    for (Field field : fields) {
      row(
          out,
          code(field.path()),
          field.type(),
          field.required() ? "yes" : "",
          field.defaultValue(),
          field.limits(),
          field.description());
    }
    if (!rules.isEmpty()) {
      out.append(
          "\n### Validation rules (CEL)\n\nChecked by the API server when an object is created"
              + " or changed; the message is what `kubectl` prints.\n\n"
              + "| On | Rule | Message | Reported at |\n|---|---|---|---|\n");
      for (Rule rule : rules) {
        row(out, code(rule.path()), code(rule.rule()), text(rule.message()), rule.reportedAt());
      }
    }
  }

  /** One row per schema node below the root, depth first in schema order. */
  private static void walk(
      String path, JSONSchemaProps schema, boolean required, List<Field> fields, List<Rule> rules) {
    if (!path.isEmpty()) {
      fields.add(
          new Field(
              path,
              type(schema),
              required,
              schema.getDefault() == null ? "" : code(compact(schema.getDefault())),
              limits(schema),
              text(schema.getDescription())));
    }
    if (schema.getXKubernetesValidations() != null) {
      for (ValidationRule rule : schema.getXKubernetesValidations()) {
        String fieldPath = rule.getFieldPath();
        rules.add(
            new Rule(
                path.isEmpty() ? "(root)" : path,
                rule.getRule(),
                rule.getMessage() != null ? rule.getMessage() : rule.getMessageExpression(),
                fieldPath == null || fieldPath.isEmpty() ? "" : code(path + fieldPath)));
      }
    }
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    if (properties != null) {
      List<String> requiredNames = schema.getRequired() == null ? List.of() : schema.getRequired();
      properties.forEach(
          (name, child) ->
              walk(
                  path.isEmpty() ? name : path + "." + name,
                  child,
                  requiredNames.contains(name),
                  fields,
                  rules));
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      walkChildren(path + "[]", schema.getItems().getSchema(), fields, rules);
    }
    if (schema.getAdditionalProperties() != null
        && schema.getAdditionalProperties().getSchema() != null) {
      walkChildren(path + ".<key>", schema.getAdditionalProperties().getSchema(), fields, rules);
    }
  }

  /** Elements of arrays and values of maps get rows only when they are objects themselves. */
  private static void walkChildren(
      String path, JSONSchemaProps element, List<Field> fields, List<Rule> rules) {
    if (element.getProperties() != null || element.getXKubernetesValidations() != null) {
      List<Field> nested = new ArrayList<>();
      walk(path, element, false, nested, rules);
      fields.addAll(nested.subList(1, nested.size()));
    }
  }

  static String type(JSONSchemaProps schema) {
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      return "int or string";
    }
    String type = schema.getType() == null ? "any" : schema.getType();
    if ("array".equals(type)
        && schema.getItems() != null
        && schema.getItems().getSchema() != null) {
      return "[]" + type(schema.getItems().getSchema());
    }
    if ("object".equals(type)
        && schema.getAdditionalProperties() != null
        && schema.getAdditionalProperties().getSchema() != null) {
      return "map[string]" + type(schema.getAdditionalProperties().getSchema());
    }
    if (Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
      return type + " (any fields)";
    }
    return schema.getFormat() == null ? type : type + " (" + schema.getFormat() + ")";
  }

  static String limits(JSONSchemaProps schema) {
    List<String> limits = new ArrayList<>();
    range(
        limits,
        "x",
        schema.getMinimum(),
        schema.getMaximum(),
        schema.getExclusiveMinimum(),
        schema.getExclusiveMaximum());
    range(limits, "length", count(schema.getMinLength()), count(schema.getMaxLength()), null, null);
    range(limits, "items", count(schema.getMinItems()), count(schema.getMaxItems()), null, null);
    range(
        limits,
        "entries",
        count(schema.getMinProperties()),
        count(schema.getMaxProperties()),
        null,
        null);
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      limits.add(
          "one of "
              + schema.getEnum().stream()
                  .map(v -> code(v.isTextual() ? v.asText() : compact(v)))
                  .collect(Collectors.joining(", ")));
    }
    if (schema.getPattern() != null) {
      limits.add("pattern " + code(schema.getPattern()));
    }
    if (schema.getXKubernetesListType() != null
        && !"atomic".equals(schema.getXKubernetesListType())) {
      limits.add(
          "list type "
              + schema.getXKubernetesListType()
              + (schema.getXKubernetesListMapKeys() == null
                  ? ""
                  : " (keys " + String.join(", ", schema.getXKubernetesListMapKeys()) + ")"));
    }
    return String.join("; ", limits);
  }

  private static Double count(Long value) {
    return value == null ? null : value.doubleValue();
  }

  /** "0 ≤ x ≤ 65535", "length ≤ 63", "1 ≤ items": the bounds a value or a count must keep. */
  private static void range(
      List<String> limits, String of, Double min, Double max, Boolean minOpen, Boolean maxOpen) {
    if (min == null && max == null) {
      return;
    }
    String low = min == null ? "" : plain(min) + (Boolean.TRUE.equals(minOpen) ? " < " : " ≤ ");
    String high = max == null ? "" : (Boolean.TRUE.equals(maxOpen) ? " < " : " ≤ ") + plain(max);
    limits.add(low + of + high);
  }

  /** 65535.0 as 65535, 0.5 as 0.5. */
  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String compact(JsonNode value) {
    return value.toString();
  }

  /** Prose in a Markdown table cell: one line, pipes escaped, no "<" taken for an HTML tag. */
  static String text(String value) {
    return oneLine(value).replace("<", "&lt;");
  }

  /** Code in a table cell: a code span (no HTML there), on one line, pipes escaped. */
  static String code(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String fence = value.contains("`") ? "`` " : "`";
    return fence + oneLine(value) + new StringBuilder(fence).reverse();
  }

  private static String oneLine(String value) {
    return value == null ? "" : value.replaceAll("\\s*\\n\\s*", " ").replace("|", "\\|").strip();
  }

  private static void row(StringBuilder out, String... cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  record Field(
      String path,
      String type,
      boolean required,
      String defaultValue,
      String limits,
      String description) {}

  record Rule(String path, String rule, String message, String reportedAt) {}
}
