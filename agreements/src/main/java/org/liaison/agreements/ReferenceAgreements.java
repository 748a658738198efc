package org.liaison.agreements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.liaison.wire.v1.Reason;

/**
 * The seven agreements of the reference federation (docs/reference-federation.md), kept as
 * templates in {@code reference/<id>.yaml}, instantiated with the real CA fingerprints of a PKI
 * folder (layout of certs-dev) and signed by every party's agency signing key.
 */
public final class ReferenceAgreements {
  public static final List<String> IDS =
      List.of(
          "ice-ocdetf-2009",
          "ice-ioc2-2009",
          "dea-ice-xdes-2009",
          "ice-atf-2009",
          "ice-skr-2010",
          "cbp-ice-2005",
          "ice-rcmp-cbsa-wr");

  /** Days before today that the fresh reference agreements start. */
  public static final int START_DAYS_AGO = 30;

  /** Years after today that the fresh reference agreements end. */
  public static final int END_YEARS_AHEAD = 5;

  private ReferenceAgreements() {}

  /**
   * Writes and signs every reference agreement whose parties all have material in {@code pkiRoot}
   * (agreements with a party missing from the PKI are skipped), valid from today - 30 days to today
   * + 5 years. Returns the {@code <id>.yaml} files written.
   */
  public static List<Path> write(Path pkiRoot, Path outDir, LocalDate today)
      throws AgreementException {
    return write(pkiRoot, outDir, today, Map.of());
  }

  /**
   * As {@link #write(Path, Path, LocalDate)}, with the text of some agreements edited before they
   * are validated and signed ({@code edits} by agreement id; a load run raises a daily quota so).
   */
  public static List<Path> write(
      Path pkiRoot, Path outDir, LocalDate today, Map<String, UnaryOperator<String>> edits)
      throws AgreementException {
    List<Path> written = new ArrayList<>();
    for (String id : IDS) {
      if (partiesPresent(id, pkiRoot)) {
        written.add(
            write(
                id,
                pkiRoot,
                outDir,
                today.minusDays(START_DAYS_AGO),
                today.plusYears(END_YEARS_AHEAD),
                edits.getOrDefault(id, UnaryOperator.identity())));
      }
    }
    return written;
  }

  /** Writes and signs one reference agreement with the given dates. */
  public static Path write(String id, Path pkiRoot, Path outDir, LocalDate start, LocalDate end)
      throws AgreementException {
    return write(id, pkiRoot, outDir, start, end, UnaryOperator.identity());
  }

  private static Path write(
      String id,
      Path pkiRoot,
      Path outDir,
      LocalDate start,
      LocalDate end,
      UnaryOperator<String> edit)
      throws AgreementException {
    String text = edit.apply(instantiate(id, pkiRoot, start, end));
    Agreement a =
        AgreementParser.parse(text)
            .agreement()
            .orElseThrow(
                () ->
                    new AgreementException(
                        Reason.INTERNAL, "Reference agreement " + id + " does not validate."));
    try {
      Files.createDirectories(outDir);
      Path yaml = outDir.resolve(id + ".yaml");
      Files.writeString(yaml, text, StandardCharsets.UTF_8);
      for (Party p : a.parties()) {
        AgreementSigner.signFile(yaml, AgencyCredentials.load(pkiRoot, p.agency()));
      }
      return yaml;
    } catch (IOException e) {
      throw new AgreementException(
          Reason.INTERNAL,
          "Cannot write or sign " + id + " in " + outDir + ": " + e.getMessage(),
          e);
    }
  }

  /** A signed copy that ended yesterday (started 400 days ago), for tests of expiry. */
  public static Path writeExpired(String id, Path pkiRoot, Path outDir, LocalDate today)
      throws AgreementException {
    return write(id, pkiRoot, outDir, today.minusDays(400), today.minusDays(1));
  }

  /** A signed copy that starts tomorrow, for tests of "not yet in force". */
  public static Path writeNotYetStarted(String id, Path pkiRoot, Path outDir, LocalDate today)
      throws AgreementException {
    return write(id, pkiRoot, outDir, today.plusDays(1), today.plusYears(END_YEARS_AHEAD));
  }

  /** The template text of a reference agreement, placeholders unfilled. */
  public static String template(String id) throws AgreementException {
    if (!IDS.contains(id)) {
      throw new AgreementException(
          Reason.NOT_FOUND,
          "There is no reference agreement " + id + "; known: " + String.join(", ", IDS) + ".");
    }
    return Templates.resource("reference/" + id + ".yaml");
  }

  /**
   * The document text of a reference agreement with fingerprints from {@code pkiRoot} and the dates
   * given.
   */
  public static String instantiate(String id, Path pkiRoot, LocalDate start, LocalDate end)
      throws AgreementException {
    return Templates.fill(
        template(id), Map.of("start", start.toString(), "end", end.toString()), pkiRoot);
  }

  private static boolean partiesPresent(String id, Path pkiRoot) throws AgreementException {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\$\\{ca:([a-z0-9.\\-]+)}").matcher(template(id));
    while (m.find()) {
      if (!Files.exists(pkiRoot.resolve(m.group(1)).resolve("agency/signing.key.pem"))) {
        return false;
      }
    }
    return true;
  }
}
