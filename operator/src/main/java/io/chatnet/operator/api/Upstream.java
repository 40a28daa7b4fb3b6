package io.chatnet.operator.api;

/** Where a supported version comes from: repository, tag (if any) and the commit it names. */
public record Upstream(String repo, String tag, String commit) {}
