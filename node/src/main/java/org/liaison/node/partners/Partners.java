package org.liaison.node.partners;

import java.util.List;

/** The partners of this agency with an agreement in force, read from the signed agreements. */
public interface Partners {
  /**
   * One entry per partner agency with an agreement in force now: the agreement that permits the
   * purpose if there is one, else any agreement in force (the partner then refuses with the clause
   * that is missing, which the officer should see).
   */
  List<PartnerAgreement> forPurpose(String purpose);

  /** Partners whose agreement in force has this agency take part in target de-confliction. */
  List<PartnerAgreement> forTargetDeconfliction();
}
