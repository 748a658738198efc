package org.liaison.node.search;

import org.liaison.wire.v1.PointOfContact;

/** A case agent as point of contact: the only thing a target conflict discloses. */
public record Contact(String agency, String name, String phone, String email) {

  public PointOfContact toProto() {
    return PointOfContact.newBuilder()
        .setAgency(agency)
        .setName(name)
        .setPhone(phone == null ? "" : phone)
        .setEmail(email == null ? "" : email)
        .build();
  }
}
