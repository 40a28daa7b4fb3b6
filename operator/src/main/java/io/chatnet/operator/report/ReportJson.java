package io.chatnet.operator.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** report.json and comparison.json: indented, nulls left out, unknown fields tolerated on read. */
public final class ReportJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private ReportJson() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  /** An enum as manifests spell it (its JSON name), e.g. podKill. */
  public static String name(Enum<?> value) {
    return value == null ? "-" : MAPPER.convertValue(value, String.class);
  }

  /** Reads a report.json; {@code source} names it in the error when it is not one. */
  public static ExperimentReport read(String json, String source) {
    ExperimentReport report;
    try {
      report = MAPPER.readValue(json, ExperimentReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source + " is not a readable report.json: " + e.getOriginalMessage(), e);
    }
    if (!ExperimentReport.SCHEMA.equals(report.schema())
        || report.experiment() == null
        || report.network() == null
        || report.load() == null
        || report.outcome() == null) {
      throw new IllegalArgumentException(
          source + " is not a chatnet experiment report (schema " + ExperimentReport.SCHEMA + ")");
    }
    return report;
  }
}
