package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceClaim;
import java.util.List;
import java.util.Map;
import lombok.Getter;

/**
 * The schema of a container's resources as chatnet admits them ({@code @SchemaFrom} on the
 * ResourceRequirements fields; never instantiated). The API server checks a custom resource's
 * quantities only as "integer or string", so {@code 512MB} or requests above limits would be
 * accepted and then refused on the StatefulSet or Job the operator writes. These rules check them
 * the way pod validation does; the bounds keep the rules within the API server's CEL cost budget
 * (values get maxLength 64 from CrdFilesTest's post-processor: the generator applies {@code @Size}
 * to string schemas only).
 */
@ValidationRule(
    value = "!has(self.claims) || size(self.claims) == 0",
    message =
        "claims: resource claims are not supported: chatnet's pods declare no"
            + " spec.resourceClaims for them to refer to; remove resources.claims",
    fieldPath = ".claims")
@ValidationRule(
    value = "!has(self.requests) || self.requests.all(k, " + ContainerResources.KEY_OK + ")",
    message = "resource names " + ContainerResources.RESOURCE_NAMES,
    messageExpression =
        "'requests: ' + self.requests.filter(k, !("
            + ContainerResources.KEY_OK
            + "))[0] + ' "
            + ContainerResources.KEY_MESSAGE
            + "'",
    fieldPath = ".requests")
@ValidationRule(
    value = "!has(self.limits) || self.limits.all(k, " + ContainerResources.KEY_OK + ")",
    message = "resource names " + ContainerResources.RESOURCE_NAMES,
    messageExpression =
        "'limits: ' + self.limits.filter(k, !("
            + ContainerResources.KEY_OK
            + "))[0] + ' "
            + ContainerResources.KEY_MESSAGE
            + "'",
    fieldPath = ".limits")
@ValidationRule(
    value = "!has(self.requests) || self.requests.all(k, " + ContainerResources.REQUEST_OK + ")",
    message = "values must be Kubernetes quantities: " + ContainerResources.QUANTITY_FORMS,
    messageExpression =
        "self.requests.filter(k, !("
            + ContainerResources.REQUEST_OK
            + ")).map(k, 'requests.' + k + ': ' + string(self.requests[k]))[0] + ' "
            + ContainerResources.QUANTITY_MESSAGE
            + "'",
    fieldPath = ".requests")
@ValidationRule(
    value = "!has(self.limits) || self.limits.all(k, " + ContainerResources.LIMIT_OK + ")",
    message = "values must be Kubernetes quantities: " + ContainerResources.QUANTITY_FORMS,
    messageExpression =
        "self.limits.filter(k, !("
            + ContainerResources.LIMIT_OK
            + ")).map(k, 'limits.' + k + ': ' + string(self.limits[k]))[0] + ' "
            + ContainerResources.QUANTITY_MESSAGE
            + "'",
    fieldPath = ".limits")
@ValidationRule(
    value =
        "!has(self.requests) || !has(self.limits) || self.requests.all(k, "
            + ContainerResources.NOT_ABOVE_LIMIT
            + ")",
    message = "requests must not exceed limits: Kubernetes refuses a request above its limit",
    messageExpression =
        "self.requests.filter(k, !("
            + ContainerResources.NOT_ABOVE_LIMIT
            + ")).map(k, 'requests.' + k + ' ' + string(self.requests[k]) + ' is above limits.'"
            + " + k + ' ' + string(self.limits[k]))[0] + ': Kubernetes refuses a request above"
            + " its limit; lower the request or raise the limit'",
    fieldPath = ".requests")
@ValidationRule(
    value =
        "!has(self.requests) || self.requests.all(k, " + ContainerResources.NOT_OVERCOMMITTED + ")",
    message =
        "hugepages and extended resources cannot be overcommitted: a request needs a limit of the"
            + " same quantity",
    messageExpression =
        "'requests.' + self.requests.filter(k, !("
            + ContainerResources.NOT_OVERCOMMITTED
            + "))[0] + ': hugepages and extended resources cannot be overcommitted: set the"
            + " limit to the same quantity as the request'",
    fieldPath = ".requests")
@ValidationRule(
    value = "!has(self.limits) || self.limits.all(k, " + ContainerResources.WHOLE_IF_EXTENDED + ")",
    message = "an extended resource (a domain-qualified name) is counted in whole units",
    messageExpression =
        "'limits.' + self.limits.filter(k, !("
            + ContainerResources.WHOLE_IF_EXTENDED
            + "))[0] + ': an extended resource is counted in whole units; use an integer'",
    fieldPath = ".limits")
@Getter
public final class ContainerResources {
  // Pod validation (validateContainerResourceName): standard names, hugepages-<size>, or an
  // extended resource named by a domain-qualified name.
  static final String KEY_OK =
      "k in ['cpu', 'memory', 'ephemeral-storage'] || k.startsWith('hugepages-') ||"
          + " (k.contains('/') && !format.qualifiedName().validate(k).hasValue())";
  static final String RESOURCE_NAMES =
      "are cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as"
          + " example.com/gpu";
  static final String KEY_MESSAGE = "is not a container resource: names " + RESOURCE_NAMES;
  static final String REQUEST_OK =
      "isQuantity(string(self.requests[k])) &&"
          + " !quantity(string(self.requests[k])).isLessThan(quantity('0'))";
  static final String LIMIT_OK =
      "isQuantity(string(self.limits[k])) &&"
          + " !quantity(string(self.limits[k])).isLessThan(quantity('0'))";
  static final String QUANTITY_FORMS =
      "a non-negative number with an optional suffix, such as 500m or 2 for cpu and 512Mi or 1G"
          + " for memory (binary Ki Mi Gi Ti, decimal k M G T; 512MB is not one)";
  static final String QUANTITY_MESSAGE = "is not a Kubernetes quantity: use " + QUANTITY_FORMS;
  static final String NOT_ABOVE_LIMIT =
      "!(k in self.limits) || !isQuantity(string(self.requests[k])) ||"
          + " !isQuantity(string(self.limits[k])) ||"
          + " quantity(string(self.requests[k])).compareTo(quantity(string(self.limits[k]))) <= 0";

  // Pod validation: hugepages and extended resources are not overcommitable (a request needs an
  // equal limit), and extended resources are whole numbers. Bad quantities are reported above.
  static final String NOT_OVERCOMMITTED =
      "!(k.startsWith('hugepages-') || (k.contains('/') && !k.contains('kubernetes.io/'))) ||"
          + " !isQuantity(string(self.requests[k])) || (has(self.limits) && k in self.limits &&"
          + " (!isQuantity(string(self.limits[k])) ||"
          + " quantity(string(self.requests[k])).compareTo(quantity(string(self.limits[k]))) =="
          + " 0))";
  static final String WHOLE_IF_EXTENDED =
      "!k.contains('/') || k.contains('kubernetes.io/') || !isQuantity(string(self.limits[k])) ||"
          + " quantity(string(self.limits[k])).isInteger()";

  private ContainerResources() {}

  @JsonPropertyDescription(
      "Resources the scheduler reserves, by name (cpu, memory, ephemeral-storage, hugepages-<size>"
          + " or an extended resource), as quantities; each at most its limit.")
  @Size(max = 8)
  private Map<String, Quantity> requests;

  @JsonPropertyDescription("Most of each resource the container may use, as quantities.")
  @Size(max = 8)
  private Map<String, Quantity> limits;

  @JsonPropertyDescription("Not supported: chatnet's pods declare no resource claims.")
  @Size(max = 8)
  private List<ResourceClaim> claims;
}
