package org.liaison.node.records;

public enum CaseStatus {
  ACTIVE,
  CLOSED
}
