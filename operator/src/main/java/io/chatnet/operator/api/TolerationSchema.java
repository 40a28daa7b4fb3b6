package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Getter;

/**
 * The schema of a toleration as chatnet admits it ({@code @SchemaFrom} on tolerations; the field
 * stays a Kubernetes Toleration, this class is never instantiated). The rules are pod validation's
 * (validateTolerations), so that a toleration the StatefulSet would refuse is refused at admission.
 */
@ValidationRule(
    value =
        "!has(self.key) || self.key == '' || !format.qualifiedName().validate(self.key).hasValue()",
    message = "key must be a label key (an optional DNS subdomain prefix and '/', then a name)",
    messageExpression =
        "'key ' + self.key + ' is not a label key: an optional DNS subdomain prefix and a"
            + " slash, then a name of at most 63 characters, letters, digits, hyphens, underscores and dots, starting and ending with a letter or digit'",
    fieldPath = ".key")
@ValidationRule(
    value = "!has(self.operator) || self.operator in ['', 'Equal', 'Exists']",
    message = "operator must be Equal or Exists",
    fieldPath = ".operator")
@ValidationRule(
    value =
        "!has(self.effect) || self.effect in ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute']",
    message = "effect must be NoSchedule, PreferNoSchedule or NoExecute (empty: every effect)",
    fieldPath = ".effect")
@ValidationRule(
    value =
        "(has(self.key) && self.key != '') || (has(self.operator) && self.operator == 'Exists')",
    message =
        "a toleration without a key must have operator Exists (it then tolerates every taint)",
    fieldPath = ".operator")
@ValidationRule(
    value =
        "!has(self.value) || self.value == '' || (has(self.operator) && self.operator == 'Exists')"
            + " || !format.labelValue().validate(self.value).hasValue()",
    message = "value must be a label value (at most 63 characters: letters, digits, '-', '_', '.')",
    messageExpression =
        "'value ' + self.value + ' is not a label value: at most 63 characters, letters, digits, hyphens, underscores and dots, starting and ending with a letter or digit'",
    fieldPath = ".value")
@ValidationRule(
    value =
        "!has(self.operator) || self.operator != 'Exists' || !has(self.value) || self.value == ''",
    message = "operator Exists takes no value; remove value or use operator Equal",
    fieldPath = ".value")
@ValidationRule(
    value = "!has(self.tolerationSeconds) || (has(self.effect) && self.effect == 'NoExecute')",
    message = "tolerationSeconds applies to effect NoExecute only",
    fieldPath = ".tolerationSeconds")
@Getter
public final class TolerationSchema {
  private TolerationSchema() {}

  @JsonPropertyDescription(
      "Taint key the toleration matches, a label key; empty with operator Exists matches every"
          + " taint.")
  @Size(max = 317)
  private String key;

  @JsonPropertyDescription("Equal (the default) or Exists.")
  @Size(max = 16)
  private String operator;

  @JsonPropertyDescription("Taint value for operator Equal, a label value; none with Exists.")
  @Size(max = 63)
  private String value;

  @JsonPropertyDescription(
      "Taint effect matched: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.")
  @Size(max = 16)
  private String effect;

  @JsonPropertyDescription(
      "Effect NoExecute only: seconds the pod stays bound after the taint appears.")
  private Long tolerationSeconds;
}
