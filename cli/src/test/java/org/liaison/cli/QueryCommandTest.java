package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.QueryAnswer;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.v1.Withheld;

class QueryCommandTest {

  @TempDir Path dir;
  OfficerServerFixture node;

  static final PartnerAnswer DEA_MATCH =
      PartnerAnswer.newBuilder()
          .setPartnerAgency("us.dea")
          .setStatus(PartnerAnswer.Status.MATCH)
          .setAgreementId("dea-ice-xdes-2009")
          .setLatencyMs(42)
          .setAnswer(
              QueryAnswer.newBuilder()
                  .setOutcome(QueryAnswer.Outcome.MATCH)
                  .addDisclosures(
                      Disclosure.newBuilder()
                          .setTier(Tier.POINTER)
                          .setOwnerAgency("us.dea")
                          .setCaseReference("DEA-MIA-2024-0117")
                          .setPointOfContact(
                              PointOfContact.newBuilder()
                                  .setAgency("us.dea")
                                  .setName("SA Maria Lopez")
                                  .setPhone("+1 305 555 0199")
                                  .setEmail("m.lopez@dea.example"))
                          .setRecordCategory("ROI")
                          .setMatch("EXACT")
                          .addCaveats("TLP:AMBER")
                          .addCaveats("H2"))
                  .addWithheld(
                      Withheld.newBuilder()
                          .setRecordId("pnr-7")
                          .setOriginatorAgency("us.cbp")
                          .setReason(Reason.ORIGINATOR_CONSENT_REQUIRED)
                          .setMessage("CBP has not consented to onward sharing")))
          .build();
  static final PartnerAnswer SKR_REFUSED =
      PartnerAnswer.newBuilder()
          .setPartnerAgency("ru.skr")
          .setStatus(PartnerAnswer.Status.REFUSED)
          .setAgreementId("ice-skr-2010")
          .setLatencyMs(51)
          .setAnswer(
              QueryAnswer.newBuilder()
                  .setOutcome(QueryAnswer.Outcome.REFUSED)
                  .setRefusal(
                      Refusal.newBuilder()
                          .setReason(Reason.PURPOSE_NOT_PERMITTED)
                          .setAgreementId("ice-skr-2010")
                          .setClause("purposes")
                          .setMessage("drug-trafficking is not a purpose of ice-skr-2010")))
          .build();
  static final PartnerAnswer FBI_DOWN =
      PartnerAnswer.newBuilder()
          .setPartnerAgency("us.fbi")
          .setStatus(PartnerAnswer.Status.UNAVAILABLE)
          .setReason(Reason.PARTNER_UNAVAILABLE)
          .setMessage("no answer from gateway.us.fbi")
          .setLatencyMs(3000)
          .build();
  static final PartnerAnswer ATF_NONE =
      PartnerAnswer.newBuilder()
          .setPartnerAgency("us.atf")
          .setStatus(PartnerAnswer.Status.NO_MATCH)
          .setAgreementId("ice-atf-2009")
          .setLatencyMs(12)
          .build();

  @BeforeEach
  void start() throws Exception {
    node = new OfficerServerFixture(dir);
    node.officer.answers = List.of(DEA_MATCH, SKR_REFUSED, FBI_DOWN, ATF_NONE);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void query_readableOutputShowsEveryPartnerThenSummary() {
    CliRun run =
        CliRun.of(
            node.connectAs("us.ice"),
            "query",
            "--phone",
            "+1 305 555 0142",
            "--purpose",
            "drug-trafficking",
            "--case",
            "ICE-MIA-2024-0042",
            "--partner",
            "us.dea",
            "--partner",
            "ru.skr",
            "--deadline-ms",
            "2500",
            "--role",
            "case-agent");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("us.dea     MATCH", "agreement dea-ice-xdes-2009", "42 ms")
        .contains(
            "POINTER ROI, matched EXACT",
            "case DEA-MIA-2024-0117",
            "contact SA Maria Lopez, us.dea, +1 305 555 0199, m.lopez@dea.example",
            "caveats TLP:AMBER H2")
        .contains(
            "WITHHELD record pnr-7 (originator us.cbp): ORIGINATOR_CONSENT_REQUIRED: CBP has not consented")
        .contains("us.fbi     UNAVAILABLE", "PARTNER_UNAVAILABLE: no answer from gateway.us.fbi")
        .contains("us.atf     NO_MATCH")
        .contains("4 partners answered in", "1 match, 1 no match, 1 refused, 1 unavailable.");
    OfficerQueryRequest sent = node.officer.queries.get(0);
    assertThat(sent.getQuery().getIdentifier().getType()).isEqualTo(IdentifierType.PHONE);
    assertThat(sent.getQuery().getIdentifier().getValue()).isEqualTo("+1 305 555 0142");
    assertThat(sent.getQuery().getOfficerRole()).isEqualTo("case-agent");
    assertThat(sent.getPurpose()).isEqualTo("drug-trafficking");
    assertThat(sent.getCaseReference()).isEqualTo("ICE-MIA-2024-0042");
    assertThat(sent.getOfficerId()).isEqualTo("officer-1");
    assertThat(sent.getPartnersList()).containsExactly("us.dea", "ru.skr");
    assertThat(sent.getDeadlineMs()).isEqualTo(2500);
  }

  @Test
  void query_refusalNamesReasonAgreementClauseAndSentence() {
    CliRun run =
        CliRun.of(
            node.connectAs("us.ice"),
            "query",
            "--phone",
            "+1 305 555 0142",
            "--purpose",
            "drug-trafficking");

    assertThat(run.out())
        .contains("ru.skr     REFUSED")
        .contains(
            "PURPOSE_NOT_PERMITTED under ice-skr-2010, clause purposes: drug-trafficking is not a purpose of ice-skr-2010");
  }

  @Test
  void query_jsonPrintsOneParsableLinePerAnswerAndNoSummary() throws Exception {
    CliRun run =
        CliRun.of(
            node.connectAs("us.ice"),
            "query",
            "--email",
            "x@example.org",
            "--purpose",
            "p",
            "--json");

    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(4);
    PartnerAnswer.Builder first = PartnerAnswer.newBuilder();
    JsonFormat.parser().merge(lines.get(0), first);
    assertThat(first.build()).isEqualTo(DEA_MATCH);
    PartnerAnswer.Builder second = PartnerAnswer.newBuilder();
    JsonFormat.parser().merge(lines.get(1), second);
    assertThat(second.build()).isEqualTo(SKR_REFUSED);
    assertThat(lines.get(1))
        .contains("\"status\":\"REFUSED\"", "\"reason\":\"PURPOSE_NOT_PERMITTED\"");
  }

  @Test
  void query_nameAndDateOfBirth_sendsAPersonQuery() {
    CliRun run =
        CliRun.of(
            node.connectAs("us.ice"),
            "query",
            "--name",
            "Дмитрий Волков",
            "--dob",
            "1979-03-14",
            "--purpose",
            "human-smuggling");

    assertThat(run.exit()).as(run.err()).isZero();
    OfficerQueryRequest sent = node.officer.queries.get(0);
    assertThat(sent.getQuery().getPerson().getName()).isEqualTo("Дмитрий Волков");
    assertThat(sent.getQuery().getPerson().getDateOfBirth()).isEqualTo("1979-03-14");
  }

  @Test
  void query_plateAndDocument_carryTheCountry() {
    CliRun.of(
        node.connectAs("us.ice"),
        "query",
        "--plate",
        "abc 123",
        "--country",
        "US",
        "--purpose",
        "p");
    assertThat(node.officer.queries.get(0).getQuery().getIdentifier().getCountry()).isEqualTo("US");
    assertThat(node.officer.queries.get(0).getQuery().getIdentifier().getType())
        .isEqualTo(IdentifierType.PLATE);
  }

  @Test
  void query_usageErrors_exitTwoWithASentenceAndSendNothing() {
    CliRun two =
        CliRun.of(
            node.connectAs("us.ice"), "query", "--phone", "1", "--email", "a@b", "--purpose", "p");
    CliRun noCountry =
        CliRun.of(node.connectAs("us.ice"), "query", "--plate", "ABC123", "--purpose", "p");
    CliRun nothing = CliRun.of(node.connectAs("us.ice"), "query", "--purpose", "p");
    CliRun badDate =
        CliRun.of(
            node.connectAs("us.ice"),
            "query",
            "--name",
            "A",
            "--dob",
            "14.03.1979",
            "--purpose",
            "p");

    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err()).contains("Give one identifier at a time, not --phone and --email.");
    assertThat(noCountry.err()).contains("--plate needs --country");
    assertThat(nothing.err()).contains("Say what to ask about");
    assertThat(badDate.err()).contains("--dob '14.03.1979' is not a date YYYY-MM-DD.");
    assertThat(node.officer.queries).isEmpty();
  }

  @Test
  void query_nodeRefusal_printsStatusReasonAndSentence_exitOne() {
    node.officer.failure =
        Refusals.refuse(
            Status.Code.PERMISSION_DENIED,
            Reason.ROLE_NOT_PERMITTED,
            "officer-1 is not a case agent; ask your supervisor to grant the role.");

    CliRun run =
        CliRun.of(
            node.connectAs("us.ice"), "query", "--vin", "1HGCM82633A004352", "--purpose", "p");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo(
            "liaison: The node at "
                + node.address()
                + " answered PERMISSION_DENIED, reason ROLE_NOT_PERMITTED: officer-1 is not a case agent;"
                + " ask your supervisor to grant the role.");
  }
}
