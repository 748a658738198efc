package org.liaison.cluster;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.liaison.agreements.AgreementException;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;

/**
 * A federation's trust material: a fresh development PKI for its agencies, and the reference
 * agreements among them (clones get copies of their template's) signed by the agencies'
 * signatories.
 */
final class FederationPki {

  private FederationPki() {}

  static DevPki create(
      Path pkiDir,
      Path agreementsDir,
      List<String> agencies,
      Map<String, String> clones,
      LocalDate today,
      Map<String, UnaryOperator<String>> agreementEdits) {
    DevPki pki =
        DevPki.create(
            pkiDir, agencies.stream().map(AgencySpec::withDefaults).toList(), Clock.systemUTC());
    try {
      ReferenceAgreements.write(pki.root(), agreementsDir, today, agreementEdits);
      for (Map.Entry<String, String> clone : clones.entrySet()) {
        ClonedAgencies.writeAgreements(
            clone.getValue(), clone.getKey(), pki.root(), agreementsDir, today);
      }
    } catch (AgreementException e) {
      throw new ProcessStartException(
          "Cannot write the reference agreements: " + e.getMessage(), e);
    }
    return pki;
  }
}
