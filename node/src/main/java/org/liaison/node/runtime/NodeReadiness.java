package org.liaison.node.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the federation and officer listeners accept connections. */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {
  @Inject NodeRuntime runtime;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("node-listeners").status(runtime.ready()).build();
  }
}
