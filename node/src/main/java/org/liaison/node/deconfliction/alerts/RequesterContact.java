package org.liaison.node.deconfliction.alerts;

import org.liaison.wire.v1.PointOfContact;

/** The point of contact a partner is given for one of this agency's cases. */
public interface RequesterContact {
  PointOfContact forCase(String caseReference, String officerId);
}
