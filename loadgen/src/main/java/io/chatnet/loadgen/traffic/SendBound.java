package io.chatnet.loadgen.traffic;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A bound on a shard's outstanding sends (issued, not yet answered or failed), chat and relay
 * alike. Sends are open-loop: without it, a fleet that answers slower than the send rate makes
 * requests pile up in the Vert.x pools' wait queues (unbounded) until the heap is gone. A scheduled
 * send that finds the bound reached is not issued but counted as dropped, as k6's arrival-rate
 * executors count dropped_iterations; the schedule goes on.
 */
public final class SendBound {
  /**
   * The bound of a shard. Measured: about 2.1 KB of heap per outstanding chat send waiting in the
   * pool's queue (request, 256-byte body, futures, timeout task: OutstandingSendCost, Serial, 2,130
   * to 2,136 bytes per send from 10,000 to 40,000 outstanding), so 8,192 of them hold about 17 MiB
   * beside the tracker's 56 MB window, within the image's 128 MiB soft heap cap (bench/loadgen.md:
   * the unbounded queue reached 40 to 80 MB there). That is 4 s of sends at the 2,000 msg/s goal
   * (Little's law: a healthy status-backend answers in well under a second) and room for about 30
   * hung clients at 4 msg/s each, each holding its rate times twice the 30 s request timeout,
   * before the others' sends are dropped.
   */
  public static final int MAX_OUTSTANDING = 8_192;

  private static final Logger LOG = Logger.getLogger(SendBound.class.getName());

  private final int max;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicBoolean warned = new AtomicBoolean();

  public SendBound() {
    this(MAX_OUTSTANDING);
  }

  public SendBound(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + max);
    }
    this.max = max;
  }

  /** Takes a place for one send; false (nothing taken) when the bound is reached. */
  public boolean tryIssue() {
    while (true) {
      int n = outstanding.get();
      if (n >= max) {
        warnOnce();
        return false;
      }
      if (outstanding.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /**
   * The first refusal says so in the log, once per shard: the count alone shows only at the end.
   */
  private void warnOnce() {
    if (warned.compareAndSet(false, true)) {
      LOG.warning(
          max
              + " sends outstanding, the shard's bound: sends due while it holds are dropped, not"
              + " sent (chatnet_loadgen_messages_dropped_total); the clients answer slower than"
              + " the offered rate");
    }
  }

  /** Gives back the place of a send that was answered or failed. */
  public void done() {
    outstanding.decrementAndGet();
  }

  /** Sends issued and not yet answered or failed. */
  public int outstanding() {
    return outstanding.get();
  }

  public int max() {
    return max;
  }
}
