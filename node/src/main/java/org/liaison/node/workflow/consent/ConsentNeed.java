package org.liaison.node.workflow.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.workflow.RecordLookup.HeldRecord;
import org.liaison.wire.vocabulary.Vocabulary;

/**
 * Whether a record held here needs its originator's consent before it may go to an agency: it came
 * from another agency, that agency is not the one asking, and no onward rule of an agreement
 * between the originator and this agency already lets it go there.
 */
@ApplicationScoped
public class ConsentNeed {
  @Inject NodeConfig config;
  @Inject AgreementStore agreements;

  public boolean needed(HeldRecord r, String requester) {
    return r.fromThirdParty() && !r.originator().equals(requester) && !onwardAllowed(r, requester);
  }

  private boolean onwardAllowed(HeldRecord r, String requester) {
    String me = config.agency();
    return Vocabulary.recordCategory(r.category())
        .map(
            cat ->
                agreements.inForce(r.originator(), me, Instant.now()).stream()
                    .flatMap(a -> a.direction(r.originator(), me).stream())
                    .flatMap(d -> d.onwardRule(cat).stream())
                    .anyMatch(rule -> rule.permits(requester)))
        .orElse(false);
  }
}
