package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import lombok.Data;

/** The load generator: one indexed Job whose pods are the shards. */
@Data
public class LoadGeneratorSpec {
  @JsonPropertyDescription("Number of shards (Job pods); clients are dealt out among them.")
  @Min(1)
  @Max(256)
  @Default("1")
  private int replicas = 1;

  @JsonPropertyDescription(
      "Times a failed shard is started again (the Job's backoffLimitPerIndex). A retried shard"
          + " joins the running window late (sends already due are skipped) and reports what it"
          + " covered; a shard that still fails is named in status.shards.failedShards and the"
          + " results cover the others.")
  @Min(0)
  @Max(10)
  @Default("1")
  private int retriesPerShard = 1;

  @JsonPropertyDescription("Load generator image; defaults to the operator's configured one.")
  @Size(min = 1, max = 512)
  @ValidationRule(
      value = ImageReference.RULE,
      message = "image " + ImageReference.MESSAGE,
      messageExpression = ImageReference.MESSAGE_EXPRESSION)
  private String image;

  @JsonPropertyDescription(
      "Resources of each shard, as Kubernetes quantities (500m, 2, 512Mi, 1G); requests must not"
          + " exceed limits.")
  @SchemaFrom(type = ContainerResources.class)
  private ResourceRequirements resources;
}
