package org.liaison.node.deconfliction.matching;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The id of one conflict, made by the node that confirms it from everything that tells it apart
 * (both cases, both operations and their windows for events): a digest, so that the requester can
 * name the conflict in its own alert without learning the partner's operation. The same conflict
 * checked again has the same id (one alert on each side); a different operation or window between
 * the same two cases has another (a new alert on each side).
 */
public final class ConflictIds {
  private ConflictIds() {}

  /**
   * The id of a conflict between two sides (agency, case and, for events, operation and window),
   * the same whichever side asked: a conflict found by both sides' checks is one alert on each.
   */
  static String between(String kind, List<String> one, List<String> other) {
    List<String> first =
        String.join("\u0000", one).compareTo(String.join("\u0000", other)) <= 0 ? one : other;
    List<String> second = first == one ? other : one;
    List<String> parts = new ArrayList<>();
    parts.add(kind);
    parts.addAll(first);
    parts.addAll(second);
    return of(parts.toArray(String[]::new));
  }

  static String of(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        byte[] b = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
        sha.update((byte) (b.length >>> 8));
        sha.update((byte) b.length);
        sha.update(b);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
