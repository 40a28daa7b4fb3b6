package io.chatnet.operator.rln;

import io.chatnet.operator.api.RlnStatus;
import java.time.Duration;
import java.util.Optional;

/** RlnBringUp's decisions of one call, all sharing the status being built. */
record RlnDecisions(RlnStatus status) {
  RlnBringUp.Decision progress(
      String reason, String message, boolean createDeployJob, Optional<Duration> recheck) {
    return new RlnBringUp.Decision(
        reason,
        message,
        false,
        false,
        status,
        createDeployJob,
        Optional.empty(),
        Optional.empty(),
        recheck);
  }

  RlnBringUp.Decision funding(
      String message, RlnFundingJob.Round create, Optional<RlnBinding> binding) {
    return new RlnBringUp.Decision(
        RlnBringUp.FUNDING,
        message,
        false,
        false,
        status,
        false,
        Optional.ofNullable(create),
        binding,
        Optional.empty());
  }

  RlnBringUp.Decision failedAfter(String reason, String message, Duration recheck) {
    return failed(reason, message, Optional.empty(), recheck);
  }

  RlnBringUp.Decision failed(String reason, String message, Optional<RlnBinding> binding) {
    return failed(reason, message, binding, null);
  }

  private RlnBringUp.Decision failed(
      String reason, String message, Optional<RlnBinding> binding, Duration recheck) {
    return new RlnBringUp.Decision(
        reason,
        message,
        false,
        true,
        status,
        false,
        Optional.empty(),
        binding,
        Optional.ofNullable(recheck));
  }

  RlnBringUp.Decision done(String message, Optional<RlnBinding> binding) {
    return new RlnBringUp.Decision(
        RlnBringUp.READY,
        message,
        true,
        false,
        status,
        false,
        Optional.empty(),
        binding,
        Optional.empty());
  }
}
