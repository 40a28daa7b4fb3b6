package io.chatnet.operator.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One trial of a campaign case: where the kill fell, what the object was doing then, whether it
 * converged and how long after the kill, the writes the operator made over the quiet interval after
 * convergence, and every invariant that did not hold. Appended as one tab-separated line to
 * target/reliability/trials.tsv (or chatnet.reliability.out, CHATNET_RELIABILITY_OUT), which
 * bench/reliability/run.sh turns into bench/reliability.md.
 */
record TrialRecord(
    String campaignCase,
    int trial,
    long seed,
    long killAfterMillis,
    String stateAtKill,
    boolean converged,
    long convergeMillis,
    int writesAfter,
    List<String> violations) {

  static final String HEADER =
      "case\ttrial\tseed\tkill_after_ms\tstate_at_kill\toutcome\tconverge_ms\twrites_after\tviolations";

  boolean passed() {
    return converged && writesAfter == 0 && violations.isEmpty();
  }

  String line() {
    return String.join(
        "\t",
        campaignCase,
        String.valueOf(trial),
        String.valueOf(seed),
        String.valueOf(killAfterMillis),
        stateAtKill,
        passed() ? "converged" : converged ? "converged-with-violations" : "did-not-converge",
        String.valueOf(convergeMillis),
        String.valueOf(writesAfter),
        violations.isEmpty() ? "-" : String.join("; ", violations).replace('\t', ' '));
  }

  /** Appends this record to the campaign's file (header first on a new file) and prints it. */
  TrialRecord append() {
    String file =
        System.getProperty(
            "chatnet.reliability.out",
            System.getenv()
                .getOrDefault("CHATNET_RELIABILITY_OUT", "target/reliability/trials.tsv"));
    Path out = Path.of(file);
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      if (!Files.exists(out)) {
        Files.writeString(out, HEADER + "\n");
      }
      Files.writeString(out, line() + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("reliability trial: " + line());
    return this;
  }
}
