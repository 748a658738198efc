package org.liaison.node.records;

/**
 * Fired (CDI event) after an imported line was committed: a case, subject, record or operation was
 * created or changed. Observers such as de-confliction react to it; they must not fail the import.
 *
 * @param kind the line's kind: case, subject, record or operation
 * @param id the stored item's id
 * @param caseNumber the case the item belongs to (the case itself for a case line)
 */
public record RecordsChanged(String kind, String id, String caseNumber) {}
