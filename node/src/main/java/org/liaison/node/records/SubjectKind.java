package org.liaison.node.records;

/** What a subject is. Persons are matched by name and date of birth, the rest by identifiers. */
public enum SubjectKind {
  PERSON,
  ORGANISATION,
  PHONE,
  EMAIL,
  VEHICLE,
  ACCOUNT,
  ADDRESS,
  WALLET,
  DOCUMENT;

  /**
   * Kinds that are nothing but their identifiers: a phone subject without a phone number is void.
   */
  boolean needsIdentifier() {
    return this != PERSON && this != ORGANISATION && this != ADDRESS;
  }
}
