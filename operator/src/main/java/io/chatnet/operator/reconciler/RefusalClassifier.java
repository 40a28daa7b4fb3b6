package io.chatnet.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts a refused write into a {@link RefusalClass} from the HTTP code and the API server's Status,
 * and keeps what may be shown: the message of any object but a Secret, whose refusals can echo its
 * data ("Invalid value: ..."), so for Secrets only the code, reason, quota or policy name and the
 * causes' field paths are kept. Pure.
 */
public final class RefusalClassifier {
  /** Enough for any API message about one object; longer ones are cut. */
  static final int MAX_MESSAGE = 400;

  private static final Pattern QUOTA = Pattern.compile("exceeded quota: ([-a-z0-9.]+)");
  private static final Pattern POLICY =
      Pattern.compile("ValidatingAdmissionPolicy '([^']+)'( with binding '([^']+)')?");
  private static final Pattern WEBHOOK = Pattern.compile("admission webhook \"([^\"]+)\"");

  private RefusalClassifier() {}

  /** The class of a refusal with this code and API message. */
  public static RefusalClass classify(int code, String message) {
    String text = message == null ? "" : message;
    if (text.contains("exceeded quota")) {
      return RefusalClass.QUOTA_EXCEEDED;
    }
    if (admissionDenial(text)) {
      // a policy or webhook says no to this object: the same object is refused again
      return RefusalClass.REFUSED;
    }
    if (code == 401 || code == 403) {
      return RefusalClass.FORBIDDEN;
    }
    if (code == 400 || code == 422 || code == 405 || code == 413 || code == 415) {
      return RefusalClass.REFUSED;
    }
    return RefusalClass.TRANSIENT;
  }

  /** The refusal of a write of {@code object}, with the spec field {@code fields} names. */
  public static WriteRefusal refusal(
      HasMetadata object, KubernetesClientException e, ChildSpecFields fields) {
    Status status = e.getStatus();
    String apiMessage =
        status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    List<String> causeFields = causeFields(status);
    RefusalClass refusalClass = classify(e.getCode(), apiMessage);
    String message =
        "Secret".equals(object.getKind())
            ? secretSafe(e.getCode(), status, apiMessage, causeFields)
            : shorten(withCode(e.getCode(), apiMessage));
    return new WriteRefusal(
        refusalClass,
        object.getKind(),
        object.getMetadata().getName(),
        e.getCode(),
        fields.field(object, causeFields),
        message);
  }

  static boolean admissionDenial(String message) {
    return message.contains("ValidatingAdmissionPolicy")
        || message.contains("admission webhook")
        || message.contains("denied the request");
  }

  /** The causes' field paths (StatusDetails), in order, without repeats. */
  static List<String> causeFields(Status status) {
    List<String> fields = new ArrayList<>();
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
      return fields;
    }
    for (StatusCause cause : status.getDetails().getCauses()) {
      if (cause.getField() != null && !cause.getField().isBlank()) {
        if (!fields.contains(cause.getField())) {
          fields.add(cause.getField());
        }
      }
    }
    return fields;
  }

  /**
   * What may be said of a refused Secret: code, reason, the quota or admission policy by name, and
   * which fields; never a value.
   */
  static String secretSafe(int code, Status status, String apiMessage, List<String> causeFields) {
    StringBuilder out = new StringBuilder("HTTP ").append(code);
    if (status != null && status.getReason() != null) {
      out.append(' ').append(status.getReason());
    }
    String text = apiMessage == null ? "" : apiMessage;
    Matcher quota = QUOTA.matcher(text);
    Matcher policy = POLICY.matcher(text);
    Matcher webhook = WEBHOOK.matcher(text);
    if (quota.find()) {
      out.append(": exceeded quota ").append(quota.group(1));
    } else if (policy.find()) {
      out.append(": denied by ValidatingAdmissionPolicy ").append(policy.group(1));
    } else if (webhook.find()) {
      out.append(": denied by admission webhook ").append(webhook.group(1));
    }
    if (!causeFields.isEmpty()) {
      out.append(" at ").append(String.join(", ", causeFields));
    }
    return out.append(" (the API server's full message is withheld: it may echo Secret data)")
        .toString();
  }

  private static String withCode(int code, String message) {
    String text = message == null ? "no response" : message.strip();
    return code > 0 ? "HTTP " + code + ": " + text : text;
  }

  static String shorten(String message) {
    String oneLine = message.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_MESSAGE
        ? oneLine
        : oneLine.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
