package org.liaison.node.consent;

/** Whether an originator has consented to the onward disclosure of one record to one agency. */
public interface ConsentLedger {
  boolean granted(String recordId, String requestingAgency);
}
