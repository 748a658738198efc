package org.liaison.cluster.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.cluster.it.Alerts;
import org.liaison.wire.v1.InfoRequestDraft;
import org.liaison.wire.v1.WorkflowRef;
import org.liaison.wire.v1.WorkflowsGrpc;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The acceptance cases of the reference federation driven through each agency's web console in a
 * real, headless Chromium holding the officer's certificate: what the officer sees is asserted on
 * the page. Screenshots go to {@code target/console-screenshots/}. Each test sets up what it needs
 * (none relies on another having run before it), so the class passes in any method order.
 */
@FederationTest(
    agencies = {"us.ice", "us.cbp", "us.dea", "ru.skr", "us.ioc2"},
    nodeOptions = {
      "liaison.workflow.outbox-interval-ms=200",
      "liaison.workflow.retry-initial-ms=200",
      "liaison.workflow.retry-max-ms=1000",
      "quarkus.datasource.jdbc.acquisition-timeout=60S",
      // the console, like the CLI, leaves the fan-out deadline to the node: generous here, where
      // ten cold JVMs share two cores (case 7 of FederationAcceptanceTest tests the deadline)
      "liaison.query.deadline-ms=20000",
      // the trust directory re-read every second (default 5 s): the revoked officer is refused,
      // and served again, sooner; the bound asserted is the same
      "liaison.directory.reload-interval=1s"
    },
    // ten JVMs and the browsers start at once on a small, shared machine
    readySeconds = 420)
class ConsoleAcceptanceTest {
  private static final Duration ANSWER = Duration.ofSeconds(45);
  private static final ZoneOffset MIAMI = ZoneOffset.ofHours(-4);
  // the trust directory is re-read every 5 s; the security model's bound is 60 s
  private static final Duration REVOCATION_BOUND = Duration.ofSeconds(60);

  @BeforeAll
  static void browserInstalled() {
    ConsoleBrowser.assumeInstalled();
  }

  @AfterAll
  static void timings() {
    System.out.println("console timings (ms): " + Timings.ALL);
  }

  @Test
  void case3_skrInvestigatorInRussian_seesIcesSummaryMatchStreamedIn(Federation f) {
    try (ConsoleBrowser skr = browser(f, "ru.skr", "ru", "ru.skr")) {
      skr.get(f.node("ru.skr").consoleUrl() + "query");
      Timings.pageLoad("query page (ru.skr)", skr.pageLoadMs());
      assertThat(skr.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
      assertThat(skr.driver().findElement(By.id("who")).getText())
          .contains("Вы вошли как officer-1, ru.skr");
      assertThat(skr.driver().findElement(By.cssSelector("label[for=name]")).getText())
          .isEqualTo("Имя");
      skr.fill("name", "Дмитрий Волков");
      skr.fill("dob", "1979-03-14");
      skr.select("purpose", "HUMAN_SMUGGLING");
      skr.fill("case", "SK-77-2026-0117");
      // the role field offers the roles the node accepts (the contracts' vocabulary)
      assertThat(skr.driver().findElements(By.cssSelector("#roles option")))
          .extracting(o -> o.getAttribute("value"))
          .contains("CASE_AGENT", "INVESTIGATOR")
          .doesNotContain("OFFICER_ROLE_UNSPECIFIED");
      skr.fill("role", "INVESTIGATOR");
      WebElement ice =
          firstAnswer(
              skr,
              "query ru.skr -> us.ice",
              submit(skr, "query-submit"),
              answer("us.ice", "MATCH"));
      assertThat(ice.findElement(By.cssSelector(".tier")).getText()).isEqualTo("SUMMARY");
      assertThat(ice.getText()).contains("ice-skr-2010");
      assertThat(fields(ice)).isNotEmpty();
      skr.awaitText(By.cssSelector(".stream-end"), "Все партнёры ответили", ANSWER);
      skr.screenshot("case3-ru-skr-query");
    }
  }

  @Test
  void case1_iceChecksDeaPhone_seesDeaContactOnly_andDeasAgentIsAlertedLiveOnce(Federation f)
      throws Exception {
    try (ConsoleBrowser ice = browser(f, "us.ice", "en", "us.ice");
        ConsoleBrowser dea = browser(f, "us.dea", "en", "us.dea")) {
      dea.get(f.node("us.dea").consoleUrl() + "alerts");
      Timings.pageLoad("alerts page (us.dea)", dea.pageLoadMs());
      ice.get(f.node("us.ice").consoleUrl() + "checks");
      Timings.pageLoad("checks page (us.ice)", ice.pageLoadMs());
      ice.select("type", "PHONE");
      ice.fill("value", "+1 305 555 0142");
      ice.fill("country", "US");
      ice.fill("case", "ICE-MIA-2026-0311");
      deaConflictOnCheck(ice, "check us.ice -> us.dea");
      ice.screenshot("case1-ice-check");

      // DEA's case agent sees the target alert appear live, and the page acknowledges it
      WebElement alert =
          dea.await(
              By.cssSelector(
                  "#alert-list li.alert[data-kind='TARGET'][data-case='DEA-MIA-2026-0142']"),
              ANSWER);
      assertThat(alert.findElement(By.cssSelector(".partner")).getText()).isEqualTo("us.ice");
      dea.await(By.cssSelector("#alert-list li.alert .acknowledged"), ANSWER);
      dea.screenshot("case1-dea-alert");
      // acknowledged by the page that showed it: nothing left pending at DEA's node
      long until = System.nanoTime() + ANSWER.toNanos();
      while (!Alerts.pending(f, "us.dea", "DEA-MIA-2026-0142").isEmpty()) {
        assertThat(System.nanoTime()).as("alerts shown but not acknowledged").isLessThan(until);
        pause(200);
      }
      // shown once: a fresh page does not show it again
      dea.get(f.node("us.dea").consoleUrl() + "alerts");
      Thread.sleep(2000);
      assertThat(
              dea.driver()
                  .findElements(
                      By.cssSelector("#alert-list li.alert[data-case='DEA-MIA-2026-0142']")))
          .isEmpty();

      // a state change without the page's CSRF token is refused
      assertThat(postWithoutCsrf(ice, "/console/checks", "type=PHONE&value=1&case=X"))
          .isEqualTo(403);
    }
  }

  @Test
  void case6_warrantAndSurveillance300mApart_officerSafetyAlertOnBothConsoles(Federation f) {
    OffsetDateTime six = LocalDate.now(ZoneOffset.UTC).plusDays(3).atTime(6, 0).atOffset(MIAMI);
    try (ConsoleBrowser ice = browser(f, "us.ice", "en", "us.ice");
        ConsoleBrowser dea = browser(f, "us.dea", "en", "us.dea")) {
      dea.get(f.node("us.dea").consoleUrl() + "operations");
      plan(
          dea, "DEA-MIA-2026-0142", "SEARCH_WARRANT", "25.7617", "-80.1918", six, six.plusHours(3));
      dea.awaitText(By.cssSelector(".stream-end"), "All partners have answered", ANSWER);

      ice.get(f.node("us.ice").consoleUrl() + "operations");
      Timings.pageLoad("operations page (us.ice)", ice.pageLoadMs());
      WebElement conflict =
          firstAnswer(
              ice,
              "operation us.ice -> us.dea",
              () ->
                  plan(
                      ice,
                      "ICE-MIA-2026-0311",
                      "SURVEILLANCE",
                      "25.7644",
                      "-80.1918",
                      six.plusMinutes(90),
                      six.plusHours(5)),
              answer("us.dea", "CONFLICT"));
      assertThat(conflict.findElement(By.cssSelector(".partner-case")).getText())
          .isEqualTo("DEA-MIA-2026-0142");

      WebElement atIce =
          ice.await(
              By.cssSelector("#alert-list li.alert.officer-safety[data-case='ICE-MIA-2026-0311']"),
              ANSWER);
      assertThat(atIce.findElement(By.cssSelector(".badge")).getText()).isEqualTo("OFFICER SAFETY");
      assertThat(atIce.findElement(By.cssSelector(".partner")).getText()).isEqualTo("us.dea");
      WebElement atDea =
          dea.await(
              By.cssSelector("#alert-list li.alert.officer-safety[data-case='DEA-MIA-2026-0142']"),
              ANSWER);
      assertThat(atDea.findElement(By.cssSelector(".partner")).getText()).isEqualTo("us.ice");
      ice.screenshot("case6-ice-officer-safety");
      dea.screenshot("case6-dea-officer-safety");
    }
  }

  @Test
  void case4_pnrWithheldFromIoc2_ioc2AsksInOneClick_iceForwards_cbpGrants_thenItFlows(
      Federation f) {
    try (ConsoleBrowser ioc2 = browser(f, "us.ioc2", "en", "us.ioc2");
        ConsoleBrowser ice = browser(f, "us.ice", "en", "us.ice");
        ConsoleBrowser cbp = browser(f, "us.cbp", "en", "us.cbp")) {
      WebElement before = askAboutPetrenko(f, ioc2);
      WebElement withheld = before.findElement(By.cssSelector(".withheld"));
      assertThat(withheld.getAttribute("data-record")).isEqualTo("ice-r-0102-pnr");
      assertThat(withheld.getAttribute("data-reason")).isEqualTo("ORIGINATOR_CONSENT_REQUIRED");
      assertThat(withheld.getText()).contains("us.cbp");
      ioc2.screenshot("case4-ioc2-withheld");

      // the querying officer asks in one click, from the answer itself
      withheld
          .findElement(By.cssSelector("input[name=justification]"))
          .sendKeys("IOC-2 investigates the same courier network");
      withheld.findElement(By.cssSelector(".consent-ask-submit")).click();
      WebElement asked =
          ioc2.await(By.cssSelector(".consent-result .item[data-kind='CONSENT']"), ANSWER);
      String ask = asked.getAttribute("data-workflow");
      assertThat(asked.findElement(By.cssSelector(".record")).getText())
          .isEqualTo("ice-r-0102-pnr");
      assertThat(asked.getText()).contains("us.ice");
      ioc2.screenshot("case4-ioc2-asks-consent");

      // ICE, the holder, sees the ask in its inbox; it cannot grant what only CBP can
      WebElement atIce = awaitInboxItem(f.node("us.ice"), ice, "ice-r-0102-pnr", "us.ioc2");
      assertThat(atIce.getAttribute("data-workflow")).isEqualTo(ask);
      atIce.findElement(By.cssSelector("button[value=GRANT]")).click();
      WebElement notOriginator = ice.await(By.cssSelector("#awaiting .error"), ANSWER);
      assertThat(notOriginator.getText())
          .contains("PERMISSION_DENIED, reason NOT_ORIGINATOR")
          .contains("only the record's originator can grant us.ioc2");
      ice.screenshot("case4-ice-cannot-grant");

      // ICE passed it on: CBP, the originator, has ICE's consent request for us.ioc2
      WebElement atCbp = awaitInboxItem(f.node("us.cbp"), cbp, "ice-r-0102-pnr", "us.ice");
      atCbp.findElement(By.cssSelector("input[name=conditions]")).sendKeys("analytical use only");
      firstAnswer(
          cbp,
          "inbox grant us.cbp",
          () -> atCbp.findElement(By.cssSelector("button[value=GRANT]")).click(),
          By.cssSelector(".item[data-state='GRANTED']"));
      cbp.screenshot("case4-cbp-granted");

      // the grant comes back to IOC-2 through ICE, and the record now reaches IOC-2
      WebElement granted = awaitItemState(f.node("us.ioc2"), ioc2, ask, "GRANTED");
      assertThat(granted.findElement(By.cssSelector(".conditions")).getText())
          .isEqualTo("analytical use only");
      ioc2.screenshot("case4-ioc2-granted");
      WebElement after = askAboutPetrenko(f, ioc2);
      List<WebElement> disclosed =
          after.findElements(By.cssSelector(".disclosure[data-record='ice-r-0102-pnr']"));
      assertThat(disclosed).as("released once CBP granted").isNotEmpty();
      assertThat(disclosed.get(0).findElement(By.cssSelector(".originator")).getText())
          .isEqualTo("us.cbp");
      // CBP's conditions travel with the record as a caveat
      assertThat(disclosed.get(0).findElement(By.cssSelector(".caveats")).getText())
          .contains("CONDITIONS:us.cbp=\"analytical use only\"");
      assertThat(after.findElements(By.cssSelector(".withheld"))).isEmpty();
      ioc2.screenshot("case4-ioc2-released");
    }
  }

  @Test
  void case5_iceRecordsASeizure_cbpSeesTheFeedbackOnItsRecord(Federation f) {
    try (ConsoleBrowser ice = browser(f, "us.ice", "en", "us.ice");
        ConsoleBrowser cbp = browser(f, "us.cbp", "en", "us.cbp")) {
      // feedback is owed on what CBP disclosed to ICE, so ICE first asks CBP about the plate
      WebElement disclosed = askCbpAboutThePlate(f, ice);
      assertThat(disclosed.getText()).contains("cbp-r-0301-1");

      ice.get(f.node("us.ice").consoleUrl() + "feedback");
      Timings.pageLoad("feedback page (us.ice)", ice.pageLoadMs());
      ice.fill("fb-partner", "us.cbp");
      ice.fill("fb-record", "cbp-r-0301-1");
      ice.select("fb-result", "SEIZURE");
      ice.fill("fb-case", "ICE-MIA-2026-0311");
      ice.fill("fb-detail", "12 kg seized at the consignee");
      ice.driver().findElement(By.id("feedback-submit")).click();
      WebElement sent =
          ice.await(By.cssSelector("#feedback-result .item[data-kind='FEEDBACK']"), ANSWER);
      assertThat(sent.getText()).contains("us.cbp");
      ice.screenshot("case5-ice-feedback");

      WebElement received =
          awaitOnPage(
              f.node("us.cbp"),
              cbp,
              "feedback",
              By.xpath(
                  "//section[@id='feedback-items']/article[@data-kind='FEEDBACK']"
                      + "[.//dd[@class='detail' and text()='12 kg seized at the consignee']]"),
              "the feedback never reached CBP");
      assertThat(received.findElement(By.cssSelector(".result")).getText()).isEqualTo("SEIZURE");
      assertThat(received.getText()).contains("us.ice");
      cbp.screenshot("case5-cbp-feedback");
    }
  }

  @Test
  void anOfficerOfAnotherAgency_cannotReachIcesConsole(Federation f) {
    // DEA's officer trusts ICE's server certificate, so only ICE's refusal of the officer stops it
    try (ConsoleBrowser dea = browser(f, "us.dea", "en", "us.dea", "us.ice")) {
      // ICE's console asks for a certificate of ICE's CA; DEA's officer has none, so the TLS
      // handshake fails and the browser shows its error page
      // (chromedriver reports it as an error of the navigation, or just shows the error page)
      String seen = pageOrError(dea, f.node("us.ice").consoleUrl() + "query");
      // under TLS 1.3 the server refuses the client's certificate after the client finished its
      // side of the handshake, so Chromium names either the refused certificate or the socket
      // the server closed, whichever it notices first
      assertThat(HANDSHAKE_REFUSALS_AS_CHROMIUM_SEES_THEM).anyMatch(seen::contains);
      assertThat(dea.driver().findElements(By.id("who"))).isEmpty();
      dea.screenshot("other-agency-refused");
      // and its own console still works
      dea.get(f.node("us.dea").consoleUrl() + "query");
      assertThat(dea.driver().findElement(By.id("who")).getText())
          .isEqualTo("Signed in as officer-1 of us.dea");
    }
  }

  @Test
  void timelinessAuditAgreementsAndStatus_asIcesOversightSeesThem(Federation f) {
    // a request delivered to CBP gives ICE's report a timed step and ICE's audit log entries
    requestInformation(f, "cbp-r-0301-1", "timeliness of the interdiction unit");
    try (ConsoleBrowser ice = browser(f, "us.ice", "en", "us.ice")) {
      // the table has rows once the request was delivered, and uPlot drew them (under the CSP)
      awaitOnPage(
          f.node("us.ice"),
          ice,
          "timeliness",
          By.cssSelector("#timings tbody tr"),
          "no timed workflow step at ICE");
      Timings.pageLoad("timeliness page (us.ice)", ice.pageLoadMs());
      ice.await(By.cssSelector("#timeliness-chart .uplot canvas"), ANSWER);
      ice.screenshot("timeliness-ice");

      ice.get(f.node("us.ice").consoleUrl() + "audit");
      Timings.pageLoad("audit page (us.ice)", ice.pageLoadMs());
      ice.await(By.id("findings-check"), ANSWER).click();
      ice.awaitText(By.id("findings"), "Every partner was asked just now.", ANSWER);
      assertThat(ice.driver().findElement(By.cssSelector(".findings")).getAttribute("data-count"))
          .isEqualTo("0");
      ice.fill("index", "0");
      ice.driver().findElement(By.id("prove-submit")).click();
      WebElement proof = ice.await(By.cssSelector(".proof[data-index='0']"), ANSWER);
      assertThat(proof.getAttribute("data-verified")).isEqualTo("true");
      ice.screenshot("audit-ice");
      Object format =
          ice.driver()
              .executeAsyncScript(
                  "const done = arguments[0];"
                      + " const t = JSON.parse(document.body.getAttribute('hx-headers'))['X-Liaison-CSRF'];"
                      + " fetch('/console/audit/export?csrf=' + t, {method: 'POST'})"
                      + ".then(r => r.json()).then(b => done(b.format + ' ' + b.agency));");
      assertThat(format).isEqualTo("liaison-audit-bundle/1 us.ice");

      ice.get(f.node("us.ice").consoleUrl() + "agreements");
      Timings.pageLoad("agreements page (us.ice)", ice.pageLoadMs());
      WebElement skr =
          ice.await(By.cssSelector("section.agreement[data-agreement='ice-skr-2010']"), ANSWER);
      assertThat(skr.findElement(By.cssSelector(".state")).getText()).isEqualTo("IN_FORCE");
      assertThat(skr.getText()).contains("directions[us.ice->ru.skr]");

      // who the node is, its partners in force and today's quotas (the CLI's status and quota)
      ice.get(f.node("us.ice").consoleUrl() + "status");
      Timings.pageLoad("status page (us.ice)", ice.pageLoadMs());
      assertThat(ice.driver().findElement(By.tagName("h1")).getText()).endsWith("of us.ice");
      assertThat(
              ice.driver()
                  .findElement(By.cssSelector("#partners tr[data-partner='us.cbp']"))
                  .getAttribute("data-in-force"))
          .isEqualTo("true");
      assertThat(ice.driver().findElements(By.cssSelector("#quotas tr[data-partner='us.cbp']")))
          .isNotEmpty();
      ice.screenshot("status-ice");
    }
  }

  @Test
  void inbox_cbpDeclinesOneRfiWithAReason_approvesAnotherInPart_iceSeesOnlyTheChosenFields(
      Federation f) {
    // ICE asks CBP for more of its interdiction record, twice
    String declined = requestInformation(f, "cbp-r-0301-1", "who else was aboard");
    String partial = requestInformation(f, "cbp-r-0301-1", "the seizure report");
    try (ConsoleBrowser cbp = browser(f, "us.cbp", "en", "us.cbp");
        ConsoleBrowser ice = browser(f, "us.ice", "en", "us.ice")) {
      WebElement first = awaitInboxWorkflow(f.node("us.cbp"), cbp, declined);
      Timings.pageLoad("inbox page (us.cbp)", cbp.pageLoadMs());
      first
          .findElement(By.cssSelector("input[name=reason]"))
          .sendKeys("the vessel's crew list is not ours to share");
      firstAnswer(
          cbp,
          "inbox decline us.cbp",
          () -> first.findElement(By.cssSelector("button[value=DECLINE]")).click(),
          item(declined, "DECLINED"));

      WebElement second = awaitInboxWorkflow(f.node("us.cbp"), cbp, partial);
      second.findElement(By.cssSelector("input[name=field][value=date]")).click(); // untick
      second.findElement(By.cssSelector("button[value=APPROVE]")).click();
      cbp.await(item(partial, "APPROVED_IN_PART"), ANSWER);
      cbp.screenshot("inbox-cbp-answered");

      WebElement no = awaitItemState(f.node("us.ice"), ice, declined, "DECLINED");
      assertThat(no.findElement(By.cssSelector(".reason")).getText())
          .isEqualTo("the vessel's crew list is not ours to share");
      assertThat(no.findElements(By.cssSelector(".disclosed-field"))).isEmpty();
      WebElement part = awaitItemState(f.node("us.ice"), ice, partial, "APPROVED_IN_PART");
      assertThat(
              part.findElements(By.cssSelector(".disclosed-field")).stream()
                  .map(e -> e.getAttribute("data-field"))
                  .toList())
          .containsExactly("finding", "port");
      assertThat(part.getText()).contains("hidden compartment, 12 kg").doesNotContain("2026-03-01");
      ice.screenshot("inbox-ice-approved-in-part");
    }
  }

  @Test
  void personCheck_iceChecksHectorRojas_seesDeasCase_anotherBirthDateNoConflict(Federation f) {
    try (ConsoleBrowser ice = browser(f, "us.ice", "en", "us.ice")) {
      ice.get(f.node("us.ice").consoleUrl() + "checks");
      ice.fill("name", "ROJAS, Hector");
      ice.fill("dob", "1975-06-02");
      ice.fill("case", "ICE-MIA-2026-0311");
      deaConflictOnCheck(ice, "person check us.ice -> us.dea");
      ice.screenshot("person-check-ice-conflict");

      ice.get(f.node("us.ice").consoleUrl() + "checks");
      ice.fill("name", "ROJAS, Hector");
      ice.fill("dob", "1975-06-03");
      ice.fill("case", "ICE-MIA-2026-0311");
      submit(ice, "check-submit").run();
      WebElement none = ice.await(answer("us.dea", "NO_CONFLICT"), ANSWER);
      assertThat(none.findElements(By.cssSelector(".partner-case"))).isEmpty();
    }
  }

  @Test
  void designation_iceAsksDeaFromItsConsole_deaApprovesInItsInbox_iceSeesTheAgentsDesignated(
      Federation f) {
    try (ConsoleBrowser dea = browser(f, "us.dea", "en", "us.dea");
        ConsoleBrowser ice = browser(f, "us.ice", "en", "us.ice")) {
      ice.get(f.node("us.ice").consoleUrl() + "send");
      ice.fill("des-partner", "us.dea");
      WebElement agents = ice.driver().findElement(By.id("des-agents"));
      agents.sendKeys("SA Ana Ruiz");
      agents.sendKeys(Keys.ENTER); // one agent per line
      agents.sendKeys("SA Tom Hale");
      ice.fill("des-case", "ICE-MIA-2026-0311");
      ice.fill("des-justification", "OCDETF investigation MIA-17");
      // sent by keyboard: Enter in a field submits its form
      WebElement sent =
          firstAnswer(
              ice,
              "send designation us.ice",
              () -> ice.driver().findElement(By.id("des-justification")).sendKeys(Keys.ENTER),
              By.cssSelector("#send-result .item[data-kind='DESIGNATION']"));
      String id = sent.getAttribute("data-workflow");
      assertThat(sent.getAttribute("data-partner")).isEqualTo("us.dea");
      assertThat(sent.getText()).contains("SA Ana Ruiz, SA Tom Hale");
      ice.screenshot("designation-ice-sent");

      WebElement request = awaitInboxWorkflow(f.node("us.dea"), dea, id);
      assertThat(request.getAttribute("data-kind")).isEqualTo("DESIGNATION");
      assertThat(request.getText())
          .contains("SA Ana Ruiz")
          .contains("SA Tom Hale")
          .contains("OCDETF investigation MIA-17");
      request.findElement(By.cssSelector("button[value=APPROVE]")).click();
      dea.await(item(id, "APPROVED"), ANSWER);
      dea.screenshot("designation-dea-approved");
      WebElement approved = awaitItemState(f.node("us.ice"), ice, id, "APPROVED");
      assertThat(approved.getText()).contains("SA Ana Ruiz").contains("SA Tom Hale");
      ice.screenshot("designation-ice-approved");
      // and ICE's send page lists the agents DEA designated (recorded just after the approval
      // is shown, so the page is loaded again until they are there, for at most ANSWER)
      List<String> designated = List.of();
      long until = System.nanoTime() + ANSWER.toNanos();
      while (designated.size() < 2 && System.nanoTime() < until) {
        ice.get(f.node("us.ice").consoleUrl() + "send");
        designated =
            ice.driver().findElements(By.cssSelector("#designated-agents tbody tr")).stream()
                .map(WebElement::getText)
                .filter(row -> row.contains("us.dea"))
                .toList();
      }
      assertThat(designated)
          .anySatisfy(row -> assertThat(row).startsWith("SA Ana Ruiz"))
          .anySatisfy(row -> assertThat(row).startsWith("SA Tom Hale"));
    }
  }

  @Test
  void rfi_iceAsksCbpFromTheAnswer_cbpApprovesWithConditions_iceSeesTheFieldsWithTheCaveat(
      Federation f) {
    try (ConsoleBrowser ice = browser(f, "us.ice", "en", "us.ice");
        ConsoleBrowser cbp = browser(f, "us.cbp", "en", "us.cbp")) {
      // the officer asks about the plate; CBP's automatic answer discloses its record
      WebElement answer = askCbpAboutThePlate(f, ice);
      // and asks CBP for more of it, from the disclosure itself: the form comes filled in
      answer
          .findElement(By.cssSelector(".disclosure[data-record='cbp-r-0301-1'] a.request-more"))
          .click();
      ice.await(By.id("rfi-form"), ANSWER);
      Timings.pageLoad("send page (us.ice)", ice.pageLoadMs());
      assertThat(value(ice, "rfi-partner")).isEqualTo("us.cbp");
      assertThat(value(ice, "rfi-record")).isEqualTo("cbp-r-0301-1");
      assertThat(value(ice, "rfi-purpose")).isEqualTo("DRUG_TRAFFICKING");
      assertThat(value(ice, "rfi-case")).isEqualTo("ICE-MIA-2026-0311");
      assertThat(value(ice, "rfi-role")).isEqualTo("CASE_AGENT");

      // a partner without an agreement: the node's refusal, in the CLI's sentence
      ice.fill("rfi-partner", "us.nowhere");
      ice.fill("rfi-justification", "wrong partner");
      ice.driver().findElement(By.id("rfi-submit")).click();
      WebElement refused = ice.await(By.cssSelector("#send-result .error"), ANSWER);
      assertThat(refused.getText()).startsWith("The node answered ").contains("us.nowhere");
      // a state change without the page's CSRF token is refused
      assertThat(
              postWithoutCsrf(
                  ice,
                  "/console/send/information",
                  "partner=us.cbp&record=cbp-r-0301-1&purpose=DRUG_TRAFFICKING&justification=x"))
          .isEqualTo(403);

      ice.fill("rfi-partner", "us.cbp");
      ice.fill("rfi-fields", "port, finding");
      ice.fill("rfi-justification", "the seizure report, for the prosecutor");
      WebElement sent =
          firstAnswer(
              ice,
              "send rfi us.ice",
              submit(ice, "rfi-submit"),
              By.cssSelector("#send-result .item[data-kind='INFORMATION_REQUEST']"));
      String id = sent.getAttribute("data-workflow");
      assertThat(sent.getAttribute("data-partner")).isEqualTo("us.cbp");
      assertThat(sent.findElement(By.cssSelector(".record")).getText()).isEqualTo("cbp-r-0301-1");
      ice.screenshot("rfi-ice-sent");

      // CBP's officer sees it in the inbox and releases it with conditions
      WebElement request = awaitInboxWorkflow(f.node("us.cbp"), cbp, id);
      assertThat(request.getText())
          .contains("the seizure report, for the prosecutor")
          .contains("port, finding");
      request
          .findElement(By.cssSelector("input[name=conditions]"))
          .sendKeys("for the prosecution of ICE-MIA-2026-0311 only");
      request.findElement(By.cssSelector("button[value=APPROVE]")).click();
      cbp.await(item(id, "APPROVED"), ANSWER);
      cbp.screenshot("rfi-cbp-approved-with-conditions");

      // ICE sees the fields it asked for, with CBP's conditions as a caveat
      WebElement approved = awaitItemState(f.node("us.ice"), ice, id, "APPROVED");
      assertThat(
              approved.findElements(By.cssSelector(".disclosed-field")).stream()
                  .map(e -> e.getAttribute("data-field"))
                  .toList())
          .containsExactly("finding", "port");
      assertThat(
              approved.findElements(By.cssSelector(".caveats .caveat")).stream()
                  .map(WebElement::getText)
                  .toList())
          .contains("CONDITIONS:us.cbp=\"for the prosecution of ICE-MIA-2026-0311 only\"");
      ice.screenshot("rfi-ice-answer-with-caveat");
      // the CLI shows the item from the same answer: the caveat is on the disclosure
      try (NodeClient c = f.node("us.ice").client()) {
        assertThat(
                workflows(c)
                    .show(WorkflowRef.newBuilder().setWorkflowId(id).build())
                    .getDisclosure()
                    .getCaveatsList())
            .contains("CONDITIONS:us.cbp=\"for the prosecution of ICE-MIA-2026-0311 only\"");
      }
    }
  }

  private static String value(ConsoleBrowser b, String id) {
    return b.driver().findElement(By.id(id)).getAttribute("value");
  }

  @Test
  void anOfficerRevokedWhileTheConsoleRuns_isRefusedWithinTheBound(Federation f) throws Exception {
    org.liaison.cluster.Revocation revocation = null;
    try {
      try (ConsoleBrowser dea = browser(f, "us.dea", "en", "us.dea")) {
        dea.get(f.node("us.dea").consoleUrl() + "alerts");
        assertThat(dea.driver().findElement(By.id("who")).getText()).contains("officer-1");
        revocation =
            org.liaison.cluster.Revocation.revoke(
                f, "us.dea", f.node("us.dea").officerCredentials().certificate());
        long revoked = System.nanoTime();
        while (true) {
          // a connection opened before gets the CLI's sentence from the console's gate; a new
          // handshake is refused by the console's TLS, which uses the same live trust
          long refusalsBefore = tlsRefusalsOfTheRevokedOfficer(f);
          String seen = pageOrError(dea, f.node("us.dea").consoleUrl() + "alerts");
          if (seen.contains("CERTIFICATE_REVOKED")
              || refusedAtTheHandshake(f, seen, refusalsBefore)) {
            long ms = (System.nanoTime() - revoked) / 1_000_000;
            System.out.println("console refused the revoked officer after " + ms + " ms");
            if (seen.contains("CERTIFICATE_REVOKED")) {
              assertThat(dea.driver().findElement(By.tagName("body")).getText())
                  .startsWith("The node answered PERMISSION_DENIED, reason CERTIFICATE_REVOKED:");
            }
            assertThat(dea.driver().findElements(By.id("who"))).isEmpty();
            dea.screenshot("revoked-officer-refused");
            // on record at the node: the same refusal the officer gRPC listener logs
            assertThat(java.nio.file.Files.readString(f.node("us.dea").log()))
                .contains("refused TLS peer CN=officer-1")
                .contains("reason=CERTIFICATE_REVOKED");
            break;
          }
          assertThat(Duration.ofNanos(System.nanoTime() - revoked))
              .as("the revoked officer still reaches the console")
              .isLessThan(REVOCATION_BOUND);
          pause(500);
        }
      }
      // a new browser, so a new TLS handshake: refused by the console's TLS itself (ConsoleTls),
      // before any page or the gate's sentence
      try (ConsoleBrowser fresh = browser(f, "us.dea", "en", "us.dea")) {
        long refusalsBefore = tlsRefusalsOfTheRevokedOfficer(f);
        String seen = pageOrError(fresh, f.node("us.dea").consoleUrl() + "query");
        assertThat(seen).doesNotContain("CERTIFICATE_REVOKED");
        assertThat(refusedAtTheHandshake(f, seen, refusalsBefore))
            .as("the console's TLS refused the new handshake; the browser saw: " + seen)
            .isTrue();
        assertThat(fresh.driver().findElements(By.id("who"))).isEmpty();
      }
    } finally {
      if (revocation != null) {
        revocation.close(); // the officer's certificate is good again for what runs after
        awaitOfficerAccepted(f.node("us.dea"));
      }
    }
  }

  /** Once the node has read the CRL that takes the revocation back, its officer is served again. */
  private static void awaitOfficerAccepted(AgencyNode node) {
    long until = System.nanoTime() + REVOCATION_BOUND.toNanos();
    while (true) {
      try (NodeClient c = node.client()) {
        c.status();
        return;
      } catch (io.grpc.StatusRuntimeException e) {
        assertThat(System.nanoTime()).as("the officer is still refused: " + e).isLessThan(until);
        pause(100);
      }
    }
  }

  private static String requestInformation(Federation f, String record, String justification) {
    try (NodeClient c = f.node("us.ice").client()) {
      return workflows(c)
          .requestInformation(
              InfoRequestDraft.newBuilder()
                  .setPartner("us.cbp")
                  .setRecordId(record)
                  .setPurpose("DRUG_TRAFFICKING")
                  .setCaseReference("ICE-MIA-2026-0311")
                  .setOfficerRole("CASE_AGENT")
                  .setJustification(justification)
                  .addFields("port")
                  .addFields("date")
                  .addFields("finding")
                  .build())
          .getWorkflowId();
    }
  }

  private static WorkflowsGrpc.WorkflowsBlockingStub workflows(NodeClient c) {
    return WorkflowsGrpc.newBlockingStub(c.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** The item awaiting this agency's answer, once the inbox page shows it. */
  private static WebElement awaitInboxWorkflow(AgencyNode node, ConsoleBrowser b, String id) {
    return awaitOnInbox(
        node, b, "//section[@id='awaiting']/article[@data-workflow='" + id + "']", "no " + id);
  }

  /** The item in any state on the inbox page, once it has reached {@code state}. */
  private static WebElement awaitItemState(
      AgencyNode node, ConsoleBrowser b, String id, String state) {
    return awaitOnInbox(
        node,
        b,
        "//article[@data-workflow='" + id + "' and @data-state='" + state + "']",
        id + " never reached " + state);
  }

  private static WebElement awaitOnInbox(
      AgencyNode node, ConsoleBrowser b, String xpath, String failure) {
    return awaitOnPage(node, b, "inbox", By.xpath(xpath), failure);
  }

  /**
   * The first element {@code by} names on the node's console page {@code page}, loaded again every
   * 500 ms until it shows one; fails with {@code failure} after {@link #ANSWER}.
   */
  private static WebElement awaitOnPage(
      AgencyNode node, ConsoleBrowser b, String page, By by, String failure) {
    long until = System.nanoTime() + ANSWER.toNanos();
    while (true) {
      b.get(node.consoleUrl() + page);
      List<WebElement> found = b.driver().findElements(by);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      assertThat(System.nanoTime()).as(failure).isLessThan(until);
      pause(500);
    }
  }

  /**
   * The page at {@code url} as the browser shows it, or chromedriver's error when the navigation
   * itself failed (a refused TLS handshake is reported either way).
   */
  /**
   * Chromium names a client certificate refused in a TLS 1.3 handshake by what reached it first:
   * the server's alert ({@code ERR_BAD_SSL_CLIENT_AUTH_CERT}) or, when the server's close overtook
   * the alert (the client had already sent its request), the closed socket. Which one is timing, so
   * the reason is pinned where it is decided: the node logs one more refusal of the revoked officer
   * for this handshake.
   */
  private static boolean refusedAtTheHandshake(Federation f, String seen, long refusalsBefore) {
    boolean networkError =
        HANDSHAKE_REFUSALS_AS_CHROMIUM_SEES_THEM.stream().anyMatch(seen::contains);
    if (!networkError) {
      return false;
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (tlsRefusalsOfTheRevokedOfficer(f) <= refusalsBefore) {
      assertThat(System.nanoTime())
          .as("the browser saw a network error the node did not log as a refusal: " + seen)
          .isLessThan(until);
      pause(200);
    }
    return true;
  }

  private static final List<String> HANDSHAKE_REFUSALS_AS_CHROMIUM_SEES_THEM =
      List.of(
          "ERR_BAD_SSL_CLIENT_AUTH_CERT",
          "ERR_SOCKET_NOT_CONNECTED",
          "ERR_CONNECTION_RESET",
          "ERR_CONNECTION_CLOSED");

  private static long tlsRefusalsOfTheRevokedOfficer(Federation f) {
    try {
      return java.nio.file.Files.readAllLines(f.node("us.dea").log()).stream()
          .filter(l -> l.contains("refused TLS peer CN=officer-1"))
          .filter(l -> l.contains("reason=CERTIFICATE_REVOKED"))
          .count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String pageOrError(ConsoleBrowser b, String url) {
    try {
      b.get(url);
      return b.driver().getPageSource();
    } catch (org.openqa.selenium.WebDriverException e) {
      return e.getMessage();
    }
  }

  private static WebElement askAboutPetrenko(Federation f, ConsoleBrowser ioc2) {
    ioc2.get(f.node("us.ioc2").consoleUrl() + "query");
    ioc2.fill("name", "Viktor Petrenko");
    ioc2.fill("dob", "1971-11-05");
    ioc2.select("purpose", "INTERNATIONAL_ORGANIZED_CRIME");
    ioc2.fill("case", "IOC2-2026-0015");
    ioc2.fill("role", "ANALYST");
    submit(ioc2, "query-submit").run();
    return ioc2.await(answer("us.ice", "MATCH"), ANSWER);
  }

  /** ICE's case agent asks CBP about the plate of case 5; CBP's automatic answer, a match. */
  private static WebElement askCbpAboutThePlate(Federation f, ConsoleBrowser ice) {
    ice.get(f.node("us.ice").consoleUrl() + "query");
    ice.select("type", "PLATE");
    ice.fill("value", "FLA-8XK2");
    ice.fill("country", "US");
    ice.select("purpose", "DRUG_TRAFFICKING");
    ice.fill("case", "ICE-MIA-2026-0311");
    ice.fill("role", "CASE_AGENT");
    submit(ice, "query-submit").run();
    return ice.await(answer("us.cbp", "MATCH"), ANSWER);
  }

  /**
   * Sends with {@code send} (a click, a key, a form filled and submitted), awaits what {@code
   * shown} names for at most {@link #ANSWER}, and records the time between as the first answer of
   * {@code timing}.
   */
  private static WebElement firstAnswer(ConsoleBrowser b, String timing, Runnable send, By shown) {
    long sent = System.nanoTime();
    send.run();
    WebElement answer = b.await(shown, ANSWER);
    Timings.firstAnswer(timing, (System.nanoTime() - sent) / 1_000_000);
    return answer;
  }

  /**
   * Submits the checks page's form as filled in, and awaits DEA's answer: a conflict with DEA's
   * case of case 1 ({@code DEA-MIA-2026-0142}), with DEA's point of contact.
   */
  private static void deaConflictOnCheck(ConsoleBrowser ice, String timing) {
    WebElement conflict =
        firstAnswer(ice, timing, submit(ice, "check-submit"), answer("us.dea", "CONFLICT"));
    assertThat(conflict.findElement(By.cssSelector(".partner-case")).getText())
        .isEqualTo("DEA-MIA-2026-0142");
    assertThat(conflict.findElement(By.cssSelector(".contact")).getText()).isNotBlank();
  }

  /**
   * The HTTP status of a form POST to {@code path} sent by the page's own script without the page's
   * CSRF token.
   */
  private static int postWithoutCsrf(ConsoleBrowser b, String path, String form) {
    Object status =
        b.driver()
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0], {method: 'POST',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: arguments[1]}).then(r => done(r.status));",
                path,
                form);
    return ((Number) status).intValue();
  }

  /** A click on the page's button {@code id}. */
  private static Runnable submit(ConsoleBrowser b, String id) {
    return () -> b.driver().findElement(By.id(id)).click();
  }

  /** A partner's answer in a query's or check's live list, once it has {@code status}. */
  private static By answer(String partner, String status) {
    return By.cssSelector(
        "li.answer[data-partner='" + partner + "'][data-status='" + status + "']");
  }

  /** Workflow {@code id}'s item on the page, once it has reached {@code state}. */
  private static By item(String id, String state) {
    return By.cssSelector(".item[data-workflow='" + id + "'][data-state='" + state + "']");
  }

  private static WebElement awaitInboxItem(
      AgencyNode node, ConsoleBrowser b, String record, String partner) {
    return awaitOnInbox(
        node,
        b,
        "//section[@id='awaiting']/article[@data-kind='CONSENT']"
            + "[.//dd[@class='record' and text()='"
            + record
            + "']][@data-partner='"
            + partner
            + "']",
        "no consent request for " + record + " from " + partner);
  }

  private static void plan(
      ConsoleBrowser b,
      String caseRef,
      String type,
      String lat,
      String lon,
      OffsetDateTime from,
      OffsetDateTime to) {
    b.fill("case", caseRef);
    b.select("optype", type);
    b.fill("lat", lat);
    b.fill("lon", lon);
    b.fill("radius", "50");
    b.fill("from", from.toString());
    b.fill("to", to.toString());
    b.driver().findElement(By.id("operation-submit")).click();
  }

  private static List<String> fields(WebElement answer) {
    return answer.findElements(By.cssSelector(".field-value")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static ConsoleBrowser browser(
      Federation f, String agency, String language, String... trusted) {
    return ConsoleBrowser.open(
        f.workDir(),
        f.node(agency),
        "officer-1",
        language,
        java.util.Arrays.stream(trusted).map(f::node).toArray(AgencyNode[]::new));
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Page-load and first-answer times measured in the browser, printed after the class. */
  static final class Timings {
    static final List<String> ALL = new java.util.concurrent.CopyOnWriteArrayList<>();

    static void pageLoad(String what, long ms) {
      ALL.add("page load " + what + " " + ms);
    }

    static void firstAnswer(String what, long ms) {
      ALL.add("first answer " + what + " " + ms);
    }
  }
}
