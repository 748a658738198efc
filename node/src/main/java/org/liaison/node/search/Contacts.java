package org.liaison.node.search;

import org.liaison.node.records.CaseFile;

final class Contacts {
  private Contacts() {}

  static Contact of(CaseFile c) {
    return new Contact(c.getAgency(), c.getAgentName(), c.getAgentPhone(), c.getAgentEmail());
  }
}
