package org.liaison.node.deconfliction;

import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PointOfContact;

/** The sentences an alert carries: the other side's case reference and point of contact only. */
public final class Messages {
  private Messages() {}

  public static String alert(
      MatchKind kind,
      String ownCase,
      String partner,
      String partnerCase,
      PointOfContact contact,
      long distance) {
    String who =
        contact.getName()
            + (contact.getPhone().isBlank() ? "" : ", " + contact.getPhone())
            + (contact.getEmail().isBlank() ? "" : ", " + contact.getEmail());
    if (kind == MatchKind.EVENT) {
      return "OFFICER SAFETY: an operation of "
          + partner
          + " (case "
          + partnerCase
          + ") is planned near yours in case "
          + ownCase
          + " at an overlapping time. Contact "
          + who
          + " before you act.";
    }
    return "Target conflict: "
        + partner
        + " is working on a target of your case "
        + ownCase
        + " in its case "
        + partnerCase
        + ". Contact "
        + who
        + ".";
  }
}
