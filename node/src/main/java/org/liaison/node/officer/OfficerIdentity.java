package org.liaison.node.officer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.transport.PeerIdentityInterceptor;
import org.liaison.wire.v1.AuditKind;

/**
 * Who the calling officer is and in which role it acts, for every call on the officers' listener
 * (docs/security-model.md, "Officers"). A request that claims another officer or a role not held is
 * refused and the attempt is recorded in the audit log under the certificate's officer.
 */
@ApplicationScoped
public class OfficerIdentity {
  @Inject OfficerDirectory directory;
  @Inject AuditLog audit;
  @Inject NodeConfig config;

  /** The calling officer, from the TLS peer certificate of the current call. */
  public AuthenticatedOfficer current() {
    return AuthenticatedOfficer.of(PeerIdentityInterceptor.current(), directory);
  }

  /** The certificate's officer id, or an {@link OfficerRefusal} (recorded) if another is named. */
  public String actingAs(String claimedId, String caseReference) {
    return checked(officer -> officer.actingAs(claimedId), caseReference);
  }

  /** The role to act in, or an {@link OfficerRefusal} (recorded) for a role not held. */
  public String role(String claimedRole, String caseReference) {
    return checked(officer -> officer.role(claimedRole), caseReference);
  }

  /** The calling officer's answer to a claim; a refused claim is recorded, then thrown. */
  private String checked(Function<AuthenticatedOfficer, String> claim, String caseReference) {
    AuthenticatedOfficer officer = current();
    try {
      return claim.apply(officer);
    } catch (OfficerRefusal e) {
      throw recorded(officer, e, caseReference);
    }
  }

  private OfficerRefusal recorded(
      AuthenticatedOfficer officer, OfficerRefusal e, String caseReference) {
    // the claimed id or role is the caller's text: it is not copied into the log
    audit.append(
        AuditEvent.builder(AuditKind.REFUSAL)
            .direction(AuditEvent.Direction.LOCAL)
            .requestingAgency(config.agency())
            .officer(officer.id())
            .caseReference(caseReference)
            .outcome("REFUSED")
            .reason(e.reason().name())
            .detail(
                switch (e.reason()) {
                  case OFFICER_NOT_CERTIFICATE_HOLDER ->
                      "the request named an officer other than the certificate's";
                  case OFFICER_ROLE_NOT_HELD ->
                      "the request named a role the officer does not hold";
                  default -> e.getMessage();
                })
            .build());
    return e;
  }
}
