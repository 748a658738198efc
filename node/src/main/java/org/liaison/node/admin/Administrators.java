package org.liaison.node.admin;

import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.officer.OfficerRefusal;
import org.liaison.wire.transport.PeerIdentity;
import org.liaison.wire.v1.Reason;

/**
 * Who may administer this node: an officer of this agency (the officers' listener admits only
 * certificates of this agency's CA in the officer role) whose certificate name is listed in {@code
 * liaison.admin.officers}. The list is the node's own configuration; nothing the caller sends
 * counts.
 */
@ApplicationScoped
public class Administrators {
  private final Set<String> names;

  @Inject
  public Administrators(NodeConfig config) {
    this(config.admin().officers().orElse(List.of()));
  }

  public Administrators(List<String> names) {
    this.names = Set.copyOf(names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList());
  }

  /** The administrator's name, or an {@link OfficerRefusal} naming the key to set. */
  public String check(PeerIdentity peer) {
    if (!names.contains(peer.name())) {
      throw new OfficerRefusal(
          Status.Code.PERMISSION_DENIED,
          Reason.NOT_AN_ADMINISTRATOR,
          peer.name()
              + " may not administer this node: only officers listed in the node's"
              + " liaison.admin.officers may"
              + (names.isEmpty() ? " (the list is empty)" : "")
              + ". Ask whoever runs the node to add you there, or use an administrator's"
              + " certificate.");
    }
    return peer.name();
  }
}
