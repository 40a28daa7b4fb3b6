package io.chatnet.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;
import java.util.Set;

/**
 * The one JSON mapper of the contract between the operator and the load generator, and the
 * contract's version. Both documents ({@link Plan}, {@link Summary}) carry {@code contractVersion}:
 * a reader that does not know a document's version refuses it rather than guess at its fields.
 * Unknown fields are ignored (a newer writer may add optional ones within a version); nulls are not
 * written.
 */
public final class ContractJson {
  /**
   * The version this build writes. Raise it when a field changes meaning or a required one goes, or
   * when a plan grows in a way an older load generator would silently ignore. Version 2: the plan's
   * contact-request and idle phases (they move the traffic's start, {@link Plan#trafficFrom}), idle
   * clients, per-user activity, message sizes, oneWay pairs and offline spells on chosen client
   * kinds and lengths; the summary's logins, contact requests, group creations, catch-up, phases
   * and roles. Added within version 2 as optional fields (absent in older documents, read as null,
   * never as zero): Figures' refusals and dropped sends, the summary's clientFaults.
   */
  public static final int VERSION = 2;

  /** The versions this build reads (a version 1 document has none of version 2's fields). */
  public static final Set<Integer> KNOWN_VERSIONS = Set.of(1, 2);

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private ContractJson() {}

  /**
   * Why a {@code document} (plan or summary) of {@code version} cannot be read by this build, or
   * empty when it can. A document without a version reads as version 0, which no build knows.
   */
  public static Optional<String> versionProblem(String document, int version) {
    if (KNOWN_VERSIONS.contains(version)) {
      return Optional.empty();
    }
    return Optional.of(
        (version == 0
                ? "the " + document + " has no contractVersion"
                : "the " + document + " has contractVersion " + version)
            + "; this build knows contractVersion "
            + KNOWN_VERSIONS.stream().sorted().map(String::valueOf).toList()
            + " (operator and load generator images must come from compatible releases)");
  }

  public static Plan readPlan(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, Plan.class);
  }

  public static Summary readSummary(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, Summary.class);
  }

  /** Compact JSON (the termination message). */
  public static String write(Object document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
    }
  }

  /** Indented JSON (the plan ConfigMap, the summary file). */
  public static String writePretty(Object document) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
    }
  }
}
