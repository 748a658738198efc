package org.liaison.node.records;

/**
 * Fired (CDI event) inside the transaction that stores an imported line: a case, subject, record or
 * operation was created or changed. Observers that must see the change committed observe it {@code
 * during = AFTER_SUCCESS}; those whose writes belong with the change (a queued check) observe it
 * {@code IN_PROGRESS}, and their failure fails the import.
 *
 * @param kind the line's kind: case, subject, record or operation
 * @param id the stored item's id
 * @param caseNumber the case the item belongs to (the case itself for a case line)
 */
public record RecordsChanged(String kind, String id, String caseNumber) {}
