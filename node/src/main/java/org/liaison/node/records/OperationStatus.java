package org.liaison.node.records;

public enum OperationStatus {
  PLANNED,
  ACTIVE,
  COMPLETED,
  CANCELLED
}
