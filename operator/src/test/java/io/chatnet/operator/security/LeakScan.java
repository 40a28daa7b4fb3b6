package io.chatnet.operator.security;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Greps every place a secret could leak to (an object's status, an Event, a log line, a ConfigMap)
 * for every form of every secret. Pure: places and forms in, leaks out. A failure names the place,
 * the owner and the form, never the secret itself.
 */
public final class LeakScan {
  /** Where text was found: e.g. "Event lab.17f3", "log", "ConfigMap exp-report". */
  public record Place(String name, String text) {}

  public record Leak(String place, SecretForm secret) {
    @Override
    public String toString() {
      return place + ": " + secret;
    }
  }

  private LeakScan() {}

  public static List<Leak> scan(List<Place> places, List<SecretForm> secrets) {
    List<Leak> leaks = new ArrayList<>();
    for (Place place : places) {
      for (SecretForm secret : secrets) {
        if (place.text() != null && place.text().contains(secret.text())) {
          leaks.add(new Leak(place.name(), secret));
        }
      }
    }
    return leaks;
  }

  /** Fails naming every leak (place, owner, form) when any secret shows in any place. */
  public static void assertNoLeaks(List<Place> places, List<SecretForm> secrets) {
    List<Leak> leaks = scan(places, secrets);
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          leaks.size()
              + " secret(s) found where none may be:\n"
              + leaks.stream().map(Leak::toString).collect(Collectors.joining("\n")));
    }
  }
}
