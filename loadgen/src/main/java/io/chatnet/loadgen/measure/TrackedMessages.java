package io.chatnet.loadgen.measure;

/**
 * The messages a {@link DeliveryTracker} tracks, held in primitive arrays: a ring of slots in send
 * order, with two open-addressing indexes (message id to slot, client message id to slot).
 *
 * <p>Why not objects: a tracked message lives for the retention window (at 2,000 msg/s and 120 s,
 * 240,000 of them). As objects (the message, its id string, map nodes, its client id key) that was
 * about 245 bytes and six objects per message, 1.4 million objects that every concurrent marking of
 * the load generator's collector had to trace; each marking competed with the event loop for the
 * cores and delayed the receipts being timed (bench/loadgen.md, "Tracked messages in arrays"). Here
 * a message is about 86 bytes in arrays the collector does not trace, and no object at all.
 *
 * <p>A message is named by a handle, its position in send order (a long that only grows): its slot
 * is the handle modulo the ring's capacity. The live handles are in [head, tail); a removed
 * message's slot stays in the ring, marked dead, until the head passes it. The ring doubles when
 * full, so its size follows the sends of one retention window.
 *
 * <p>Message ids are the load generator's own ({@code <shard>-<n>}, {@code r<stream>-<n>}): up to
 * {@link #MAX_ID_CHARS} ASCII characters, packed exactly into two longs ({@link #packable}).
 *
 * <p>Not thread-safe: the tracker calls it holding its lock.
 */
final class TrackedMessages {
  /** The longest message id that can be tracked: 16 ASCII characters, two longs. */
  static final int MAX_ID_CHARS = 16;

  static final long NONE = -1;

  private static final byte LIVE = 1;
  private static final byte MEASURED = 2;
  private static final byte REFUSED = 4;
  private static final byte CLIENT_KEY = 8;

  private long head;
  private long tail;
  private int mask;
  private int live;
  private int withClientKey;

  private long[] idHi;
  private long[] idLo;
  private long[] sentMicros;
  private long[] got;
  private long[] clientKey; // four longs per slot
  private byte[] kind;
  private byte[] flags;
  private int[] route;
  private int[] byId; // slot + 1, 0 for empty
  private int[] byClient;

  TrackedMessages() {
    allocate(1024);
  }

  private void allocate(int capacity) {
    mask = capacity - 1;
    idHi = new long[capacity];
    idLo = new long[capacity];
    sentMicros = new long[capacity];
    got = new long[capacity];
    clientKey = new long[4 * capacity];
    kind = new byte[capacity];
    flags = new byte[capacity];
    route = new int[capacity];
    byId = new int[2 * capacity];
    byClient = new int[2 * capacity];
  }

  /** Whether {@code id} fits a slot: 1 to 16 characters, each ASCII and not NUL. */
  static boolean packable(String id) {
    if (id.isEmpty() || id.length() > MAX_ID_CHARS) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == 0 || c > 127) {
        return false;
      }
    }
    return true;
  }

  /** Characters 0 to 7 of a packable id, one byte each, zero after its end. */
  static long hi(String id) {
    return pack(id, 0);
  }

  /** Characters 8 to 15 of a packable id, one byte each, zero after its end. */
  static long lo(String id) {
    return pack(id, 8);
  }

  private static long pack(String id, int from) {
    long word = 0;
    for (int i = from; i < from + 8; i++) {
      word = (word << 8) | (i < id.length() ? id.charAt(i) : 0);
    }
    return word;
  }

  /** The id packed as {@code hi} and {@code lo}. */
  static String unpack(long hi, long lo) {
    StringBuilder id = new StringBuilder(MAX_ID_CHARS);
    for (long word : new long[] {hi, lo}) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        char c = (char) ((word >>> shift) & 0xff);
        if (c == 0) {
          return id.toString();
        }
        id.append(c);
      }
    }
    return id.toString();
  }

  /** Live messages. */
  int size() {
    return live;
  }

  /** Live messages with a client message id. */
  int withClientKey() {
    return withClientKey;
  }

  /** Tracks a message; returns its handle. Its id must be {@link #packable}. */
  long add(String id, long sent, int kindOrdinal, int routeIndex, boolean measured) {
    if (tail - head == mask + 1) {
      grow();
    }
    long handle = tail++;
    int slot = slot(handle);
    idHi[slot] = hi(id);
    idLo[slot] = lo(id);
    sentMicros[slot] = sent;
    got[slot] = 0;
    kind[slot] = (byte) kindOrdinal;
    route[slot] = routeIndex;
    flags[slot] = (byte) (LIVE | (measured ? MEASURED : 0));
    insert(byId, slot, idHash(slot));
    live++;
    return handle;
  }

  /** The live message with id {@code id}, or {@link #NONE}. */
  long find(String id) {
    if (!packable(id)) {
      return NONE;
    }
    long hi = hi(id);
    long lo = lo(id);
    int m = byId.length - 1;
    for (int i = (int) mix(hi, lo) & m; byId[i] != 0; i = (i + 1) & m) {
      int slot = byId[i] - 1;
      if (idHi[slot] == hi && idLo[slot] == lo) {
        return handleOf(slot);
      }
    }
    return NONE;
  }

  /** The live message whose client message id has key {@code key}, or {@link #NONE}. */
  long findByClient(ClientMessageKey.Hash256 key) {
    int m = byClient.length - 1;
    for (int i = (int) clientHash(key.a(), key.b(), key.c(), key.d()) & m;
        byClient[i] != 0;
        i = (i + 1) & m) {
      int slot = byClient[i] - 1;
      int k = 4 * slot;
      if (clientKey[k] == key.a()
          && clientKey[k + 1] == key.b()
          && clientKey[k + 2] == key.c()
          && clientKey[k + 3] == key.d()) {
        return handleOf(slot);
      }
    }
    return NONE;
  }

  /** Gives a live message its client message id (once; a second call replaces it). */
  void clientKey(long handle, ClientMessageKey.Hash256 key) {
    int slot = slot(handle);
    if ((flags[slot] & CLIENT_KEY) != 0) {
      remove(byClient, slot, clientHash(slot), false);
      withClientKey--;
    }
    int k = 4 * slot;
    clientKey[k] = key.a();
    clientKey[k + 1] = key.b();
    clientKey[k + 2] = key.c();
    clientKey[k + 3] = key.d();
    flags[slot] |= CLIENT_KEY;
    insert(byClient, slot, clientHash(slot));
    withClientKey++;
  }

  /** Forgets a live message: out of both indexes, its slot dead until the head passes it. */
  void remove(long handle) {
    int slot = slot(handle);
    remove(byId, slot, idHash(slot), true);
    if ((flags[slot] & CLIENT_KEY) != 0) {
      remove(byClient, slot, clientHash(slot), false);
      withClientKey--;
    }
    flags[slot] = 0;
    live--;
  }

  /** Passes the oldest handle, {@link #first} (forget it first if it is live). */
  void passOldest() {
    head++;
  }

  /**
   * The handles not yet passed are [first, end), oldest first, live or dead: test each with {@link
   * #isLive}.
   */
  long first() {
    return head;
  }

  long end() {
    return tail;
  }

  boolean isLive(long handle) {
    return (flags[slot(handle)] & LIVE) != 0;
  }

  String id(long handle) {
    int slot = slot(handle);
    return unpack(idHi[slot], idLo[slot]);
  }

  long sentMicros(long handle) {
    return sentMicros[slot(handle)];
  }

  int kind(long handle) {
    return kind[slot(handle)];
  }

  int route(long handle) {
    return route[slot(handle)];
  }

  boolean measured(long handle) {
    return (flags[slot(handle)] & MEASURED) != 0;
  }

  boolean refused(long handle) {
    return (flags[slot(handle)] & REFUSED) != 0;
  }

  void refuse(long handle) {
    flags[slot(handle)] |= REFUSED;
  }

  /** The receipt bits of receivers 0 to 63. */
  long got(long handle) {
    return got[slot(handle)];
  }

  /** Sets receiver {@code index}'s bit (under 64); false if it was set already. */
  boolean firstReceipt(long handle, int index) {
    int slot = slot(handle);
    long bit = 1L << index;
    boolean first = (got[slot] & bit) == 0;
    got[slot] |= bit;
    return first;
  }

  private int slot(long handle) {
    return (int) handle & mask;
  }

  /** The live handle whose slot is {@code slot}: the one in [head, tail) congruent to it. */
  private long handleOf(int slot) {
    return head + ((slot - (int) head) & mask);
  }

  private void grow() {
    long[] oldHi = idHi;
    long[] oldLo = idLo;
    long[] oldSent = sentMicros;
    long[] oldGot = got;
    long[] oldClient = clientKey;
    byte[] oldKind = kind;
    byte[] oldFlags = flags;
    int[] oldRoute = route;
    int oldMask = mask;
    allocate(2 * (mask + 1));
    for (long h = head; h < tail; h++) {
      int from = (int) h & oldMask;
      int to = slot(h);
      idHi[to] = oldHi[from];
      idLo[to] = oldLo[from];
      sentMicros[to] = oldSent[from];
      got[to] = oldGot[from];
      System.arraycopy(oldClient, 4 * from, clientKey, 4 * to, 4);
      kind[to] = oldKind[from];
      flags[to] = oldFlags[from];
      route[to] = oldRoute[from];
      if ((flags[to] & LIVE) != 0) {
        insert(byId, to, idHash(to));
        if ((flags[to] & CLIENT_KEY) != 0) {
          insert(byClient, to, clientHash(to));
        }
      }
    }
  }

  private long idHash(int slot) {
    return mix(idHi[slot], idLo[slot]);
  }

  private long clientHash(int slot) {
    int k = 4 * slot;
    return clientHash(clientKey[k], clientKey[k + 1], clientKey[k + 2], clientKey[k + 3]);
  }

  private static long clientHash(long a, long b, long c, long d) {
    return mix(a ^ Long.rotateLeft(c, 17), b ^ Long.rotateLeft(d, 41));
  }

  /** A 64-bit finalizer (MurmurHash3's fmix64) over two words. */
  private static long mix(long a, long b) {
    long h = a * 0x9E3779B97F4A7C15L + b;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Linear probing: the first empty position from the slot's home. Load is at most one half. */
  private static void insert(int[] index, int slot, long hash) {
    int m = index.length - 1;
    int i = (int) hash & m;
    while (index[i] != 0) {
      i = (i + 1) & m;
    }
    index[i] = slot + 1;
  }

  /**
   * Removes {@code slot} from a linear-probing index by shifting back the entries after it that
   * would otherwise no longer be found (deletion without tombstones).
   */
  private void remove(int[] index, int slot, long hash, boolean ids) {
    int m = index.length - 1;
    int i = (int) hash & m;
    while (index[i] != slot + 1) {
      i = (i + 1) & m;
    }
    index[i] = 0;
    for (int j = (i + 1) & m; index[j] != 0; j = (j + 1) & m) {
      int other = index[j] - 1;
      int home = (int) (ids ? idHash(other) : clientHash(other)) & m;
      // The entry at j stays if its home lies cyclically in (i, j]; otherwise it moves to i.
      boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!stays) {
        index[i] = index[j];
        index[j] = 0;
        i = j;
      }
    }
  }

  @Override
  public String toString() {
    return "TrackedMessages[live=" + live + ", capacity=" + (mask + 1) + "]";
  }

  /** Slots in the ring now (live, dead and free). */
  int capacity() {
    return mask + 1;
  }
}
