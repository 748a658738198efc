package org.liaison.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liaison.agreements.AgencyCredentials;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementException;
import org.liaison.agreements.AgreementParser;
import org.liaison.agreements.AgreementSigner;
import org.liaison.agreements.Party;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.agreements.Templates;

/**
 * Agencies made as copies of a reference agency, so that a federation can have as many partners as
 * a measurement needs (a fan-out to ten partners) without writing their agreements by hand: a clone
 * gets the template agency's reference agreements with the other agencies present, its reference
 * records, each under the clone's own id, PKI and signatures. Clones have no agreements with each
 * other.
 */
final class ClonedAgencies {
  private static final Pattern CA = Pattern.compile("\\$\\{ca:([a-z0-9.\\-]+)}");

  private ClonedAgencies() {}

  /** Writes and signs the clone's copies of the template's reference agreements. */
  static List<Path> writeAgreements(
      String template, String clone, Path pkiRoot, Path outDir, LocalDate today) {
    List<Path> written = new ArrayList<>();
    try {
      for (String id : ReferenceAgreements.IDS) {
        String text = ReferenceAgreements.template(id);
        if (!text.contains("${ca:" + template + "}")) {
          continue;
        }
        String cloneId = id + "-" + clone.replace('.', '-');
        text = text.replace("id: " + id, "id: " + cloneId).replace(template, clone);
        if (!partiesPresent(text, pkiRoot)) {
          continue;
        }
        String filled =
            Templates.fill(
                text,
                Map.of(
                    "start",
                    today.minusDays(ReferenceAgreements.START_DAYS_AGO).toString(),
                    "end",
                    today.plusYears(ReferenceAgreements.END_YEARS_AHEAD).toString()),
                pkiRoot);
        Agreement a =
            AgreementParser.parse(filled)
                .agreement()
                .orElseThrow(
                    () ->
                        new ProcessStartException(
                            "The copy of " + id + " for " + clone + " does not validate."));
        Files.createDirectories(outDir);
        Path yaml = outDir.resolve(cloneId + ".yaml");
        Files.writeString(yaml, filled, StandardCharsets.UTF_8);
        for (Party p : a.parties()) {
          AgreementSigner.signFile(yaml, AgencyCredentials.load(pkiRoot, p.agency()));
        }
        written.add(yaml);
      }
    } catch (AgreementException | IOException e) {
      throw new ProcessStartException(
          "Cannot write the agreements of " + clone + ": " + e.getMessage(), e);
    }
    return written;
  }

  /** The template's reference records as the clone's own (its id in place of the template's). */
  static byte[] records(String template, String clone, byte[] templateRecords) {
    return new String(templateRecords, StandardCharsets.UTF_8)
        .replace(template, clone)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static boolean partiesPresent(String text, Path pkiRoot) {
    Matcher m = CA.matcher(text);
    while (m.find()) {
      if (!Files.exists(pkiRoot.resolve(m.group(1)).resolve("agency/signing.key.pem"))) {
        return false;
      }
    }
    return true;
  }
}
