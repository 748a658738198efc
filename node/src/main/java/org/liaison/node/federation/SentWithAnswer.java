package org.liaison.node.federation;

import java.util.List;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.audit.AuditReceipt;
import org.liaison.node.audit.IntentJournal;

/**
 * A request's {@code SENT} entry held back to commit in one audit batch with its answer's entry
 * (decision 0055). The {@link PartnerCall} leaves it here as a durable intent before the request
 * leaves; or, when the audit log's last batch failed (or none was written yet), it commits the
 * entry in a batch of its own as before and leaves nothing here. The caller, once the answer (or
 * the failure) is known, records it with {@link #commit}, before anything of it is shown.
 */
public final class SentWithAnswer {
  private final IntentJournal intents;
  private final AuditLog audit;
  private volatile IntentJournal.Intent intent;

  public SentWithAnswer(IntentJournal intents, AuditLog audit) {
    this.intents = intents;
    this.audit = audit;
  }

  /** Records {@code sent} as a durable intent (throws, and the request must not leave, if not). */
  void hold(AuditEvent sent) {
    intent = intents.record(sent);
  }

  /** Whether the call left the request's entry here (else it is in the log already, or nowhere). */
  public boolean holdsSent() {
    return intent != null;
  }

  /**
   * Commits the answer's entry, with the request's {@code SENT} entry before it in the same batch
   * if it was held here; throws (nothing written) when the log cannot be written.
   */
  public List<AuditReceipt> commit(AuditEvent answer) {
    IntentJournal.Intent held = intent;
    return held == null ? List.of(audit.append(answer)) : intents.commit(held, answer);
  }
}
