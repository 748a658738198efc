package org.liaison.node.records;

/** Handling codes of shared law-enforcement information. */
public enum HandlingCode {
  /** law-enforcement use only */
  H0,
  /** not to be used in court without the provider's permission */
  H1,
  /** no onward dissemination without the provider's permission */
  H2,
  /** other conditions, stated with the record */
  H3
}
