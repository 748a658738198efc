package org.liaison.node.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The handlers of partner requests, by payload type. */
@ApplicationScoped
public class InboundHandlers {
  private final Map<String, InboundHandler> byType = new HashMap<>();

  @Inject
  InboundHandlers(Instance<InboundHandler> all) {
    for (InboundHandler h : all) {
      byType.put(h.contentType(), h);
    }
  }

  public Optional<InboundHandler> forType(String contentType) {
    return Optional.ofNullable(byType.get(contentType));
  }
}
