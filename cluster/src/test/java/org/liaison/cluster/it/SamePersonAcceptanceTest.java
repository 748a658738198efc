package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.cluster.it.Officers.from;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;

/**
 * Issue 11 on real nodes: a person held in Cyrillic with a patronymic, asked about in Latin with a
 * middle initial, is found by the query (HIGH) exactly when the target check reports a conflict.
 */
@FederationTest(
    agencies = {"us.ice", "ru.skr"},
    extraSeeds = {"us.ice=/seeds/us.ice-petrov.jsonl"})
class SamePersonAcceptanceTest {

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Dmitrii S. Volkov | Volkov Dmitrii S.",
        "Ivan N. Petrov    | PETROV, Ivan N.",
      })
  void queryAndCheckAgree_onAMiddleInitialAgainstAPatronymic(
      String asked, String askedAgain, Federation f) {
    for (String name : List.of(asked, askedAgain)) {
      List<PartnerAnswer> answers;
      try (NodeClient skr = f.node("ru.skr").client()) {
        answers =
            skr.queryAll(
                Officers.personQuery(
                    name,
                    "1979-03-14",
                    "HUMAN_SMUGGLING",
                    "SK-77-2026-0117",
                    "INVESTIGATOR",
                    "us.ice"));
      }
      PartnerAnswer ice = from(answers, "us.ice");
      assertThat(ice.getStatus()).as(name + ": " + ice).isEqualTo(PartnerAnswer.Status.MATCH);
      assertThat(ice.getAnswer().getDisclosuresList())
          .extracting(Disclosure::getMatch)
          .as(name)
          .isNotEmpty()
          .allSatisfy(m -> assertThat(m).matches("NAME_(EXACT|PHONETIC)\\+DOB/HIGH"));

      Officers.Cli check =
          Officers.cli(
              f.node("ru.skr"),
              "check",
              "--name",
              name,
              "--dob",
              "1979-03-14",
              "--case",
              "SK-77-2026-0117",
              "--partner",
              "us.ice",
              "--json");
      assertThat(check.exit()).as(check.err()).isZero();
      assertThat(check.out())
          .as(name)
          .contains("\"status\":\"MATCH\"")
          .contains("ICE-HSI-2026-0417");
    }
    // another date of birth: neither path finds the person
    try (NodeClient skr = f.node("ru.skr").client()) {
      List<PartnerCheckAnswer> other =
          skr.checkAll(
              org.liaison.wire.v1.OfficerCheckRequest.newBuilder()
                  .setPerson(
                      org.liaison.wire.v1.PersonQuery.newBuilder()
                          .setName(asked)
                          .setDateOfBirth("1985-07-02"))
                  .setCaseReference("SK-77-2026-0117")
                  .addPartners("us.ice")
                  .build());
      assertThat(Officers.checkFrom(other, "us.ice").getStatus())
          .isEqualTo(PartnerAnswer.Status.NO_MATCH);
    }
  }
}
