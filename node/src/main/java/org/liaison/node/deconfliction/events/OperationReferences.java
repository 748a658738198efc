package org.liaison.node.deconfliction.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.liaison.node.runtime.NodeSecrets;

/**
 * This node's opaque name for one of its operations and its window, as it appears in conflict ids
 * on both sides: a keyed digest of the operation's id, start and end, so a partner can tell another
 * operation or window of the same case apart (another alert) without learning the id, place or time
 * (decision 0019). The same operation gets the same reference whether this node asks or confirms.
 */
@ApplicationScoped
public class OperationReferences {
  @Inject NodeSecrets secrets;

  public String of(PlannedOperations.Planned op) {
    String named = op.id() + "\0" + op.area().start() + "\0" + op.area().end();
    byte[] tag = secrets.tag("operation reference", named.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(tag, 0, 16);
  }
}
