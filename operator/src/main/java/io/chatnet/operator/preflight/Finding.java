package io.chatnet.operator.preflight;

/**
 * Why a preflight check refuses the network: a condition reason and a message with the numbers and
 * the fix.
 */
public record Finding(String reason, String message) {
  public static final String INSUFFICIENT_CAPACITY = "InsufficientCapacity";
  public static final String QUOTA_EXCEEDED = "QuotaExceeded";
  public static final String QUOTA_REQUIRES_RESOURCES = "QuotaRequiresResources";
  public static final String POD_SECURITY = "PodSecurity";
  public static final String PREDICTED_MEMORY_OVER_LIMIT = "PredictedMemoryOverLimit";
  public static final String CAPACITY_MODEL_NOT_FOUND = "CapacityModelNotFound";
  public static final String CAPACITY_MODEL_UNREADABLE = "CapacityModelUnreadable";
  public static final String CAPACITY_MODEL_NOT_APPLICABLE = "CapacityModelNotApplicable";
}
