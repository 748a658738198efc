package org.liaison.node.officer;

import io.grpc.Status;
import java.util.Set;
import org.liaison.wire.transport.PeerIdentity;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.vocabulary.Vocabulary;

/**
 * The officer at the other end of the officers' listener, as its certificate says (the name in the
 * {@code urn:liaison:<agency>:officer:<name>} SAN) with the roles the officer directory gives that
 * name. A request may repeat the officer's id and name one of its roles; it can never change them.
 */
public record AuthenticatedOfficer(String id, Set<String> roles) {

  public AuthenticatedOfficer {
    roles = Set.copyOf(roles);
  }

  public static AuthenticatedOfficer of(PeerIdentity peer, OfficerDirectory directory) {
    return new AuthenticatedOfficer(peer.name(), directory.rolesOf(peer.name()));
  }

  /**
   * The officer id to act as: the certificate's. A request naming another officer is refused, with
   * the certificate's name in the sentence and never the claimed one in a log.
   */
  public String actingAs(String claimedId) {
    if (claimedId != null && !claimedId.isBlank() && !claimedId.strip().equals(id)) {
      throw new OfficerRefusal(
          Status.Code.PERMISSION_DENIED,
          Reason.OFFICER_NOT_CERTIFICATE_HOLDER,
          "this connection is "
              + id
              + "'s (from the client certificate); a request cannot name another officer."
              + " Connect with that officer's own certificate, or leave the officer id out.");
    }
    return id;
  }

  /**
   * The role to act in: the one named if the officer holds it; none named, the officer's only role
   * (or no role when it holds several or none).
   */
  public String role(String claimedRole) {
    if (claimedRole == null || claimedRole.isBlank()) {
      return roles.size() == 1 ? roles.iterator().next() : "";
    }
    String wanted = Vocabulary.officerRole(claimedRole).map(Enum::name).orElse("");
    if (!roles.contains(wanted)) {
      throw new OfficerRefusal(
          Status.Code.PERMISSION_DENIED,
          Reason.OFFICER_ROLE_NOT_HELD,
          id
              + " does not hold the role asked for; the officer directory gives "
              + (roles.isEmpty() ? "no role" : "the roles " + roles.stream().sorted().toList())
              + ". Ask in one of those, or have the directory changed.");
    }
    return wanted;
  }
}
