package org.liaison.node.federation;

import java.util.List;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditedWrite;

/**
 * Entries and writes a {@link PartnerCall} commits in the audit batch of the request's own entry,
 * before the request leaves, or not at all (and then the request does not leave either): the lines
 * that say why the request is sent (a claim's probe round), at no commit of their own (decision
 * 0048). {@code onRecorded} runs once they are committed.
 */
public record RecordedWith(
    List<AuditEvent> entries, List<AuditedWrite> writes, Runnable onRecorded) {
  public static final RecordedWith NOTHING = new RecordedWith(List.of(), List.of(), () -> {});

  public RecordedWith {
    entries = List.copyOf(entries);
    writes = List.copyOf(writes);
  }
}
