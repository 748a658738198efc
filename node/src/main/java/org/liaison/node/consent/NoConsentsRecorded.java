package org.liaison.node.consent;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Until a consent workflow records answers, no originator has consented to anything. */
@DefaultBean
@ApplicationScoped
public class NoConsentsRecorded implements ConsentLedger {
  @Override
  public boolean granted(String recordId, String requestingAgency) {
    return false;
  }
}
