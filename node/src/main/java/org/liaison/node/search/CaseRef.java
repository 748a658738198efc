package org.liaison.node.search;

import org.liaison.wire.v1.TargetConflict;

/** A case, as named in a de-confliction answer: its number and its case agent. */
public record CaseRef(String caseNumber, Contact contact) {

  public TargetConflict toProto() {
    return TargetConflict.newBuilder()
        .setCaseReference(caseNumber)
        .setPointOfContact(contact.toProto())
        .build();
  }
}
