package io.chatnet.operator.api;

/**
 * What an image field admits: a reference the kubelet can parse (the distribution/reference
 * grammar: optional registry host and port, lowercase path components, optional tag and digest).
 * The API server checks only that an image is non-empty without surrounding spaces, so a malformed
 * reference would otherwise be accepted and end as InvalidImageName on every pod.
 */
public final class ImageReference {
  private ImageReference() {}

  private static final String DOMAIN_COMPONENT =
      "([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN =
      DOMAIN_COMPONENT + "([.]" + DOMAIN_COMPONENT + ")*(:[0-9]+)?";
  private static final String PATH_COMPONENT = "[a-z0-9]+(([._]|__|[-]+)[a-z0-9]+)*";
  private static final String TAG = ":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
  private static final String DIGEST =
      "@[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

  /** The grammar as an RE2 pattern without backslashes (it is embedded in CEL string literals). */
  public static final String PATTERN =
      "^("
          + DOMAIN
          + "/)?"
          + PATH_COMPONENT
          + "(/"
          + PATH_COMPONENT
          + ")*("
          + TAG
          + ")?("
          + DIGEST
          + ")?$";

  /** The admission rule for a field holding an image. */
  public static final String RULE = "self.matches('" + PATTERN + "')";

  public static final String MESSAGE =
      "must be an image reference such as registry.example.com/team/name:tag or"
          + " name@sha256:<digest> (lowercase repository path, no spaces)";

  /** The message with the refused value, so that the user sees what was parsed. */
  public static final String MESSAGE_EXPRESSION =
      "'image ' + self + ' " + MESSAGE + ": the kubelet could not pull it (InvalidImageName)'";
}
