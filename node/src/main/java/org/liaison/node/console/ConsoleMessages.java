package org.liaison.node.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's labels, {@code msg:} in the templates: English in {@code messages/msg.properties},
 * Russian in {@code messages/msg_ru.properties}; the browser's language chooses (generated from
 * msg.properties: keep the two files and this interface in step).
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {
  @Message
  String skip();

  @Message
  String signedInAs(Object officer, Object agency);

  @Message
  String navigation();

  @Message
  String navQuery();

  @Message
  String navChecks();

  @Message
  String navOperations();

  @Message
  String navAlerts();

  @Message
  String navInbox();

  @Message
  String navFeedback();

  @Message
  String navTimeliness();

  @Message
  String navAudit();

  @Message
  String navAgreements();

  @Message
  String alertsLive();

  @Message
  String queryTitle();

  @Message
  String context();

  @Message
  String purpose();

  @Message
  String caseReference();

  @Message
  String role();

  @Message
  String ask();

  @Message
  String answers();

  @Message
  String subject();

  @Message
  String identifierType();

  @Message
  String phone();

  @Message
  String email();

  @Message
  String plate();

  @Message
  String account();

  @Message
  String document();

  @Message
  String wallet();

  @Message
  String identifier();

  @Message
  String country();

  @Message
  String orPerson();

  @Message
  String name();

  @Message
  String dateOfBirth();

  @Message
  String waiting();

  @Message
  String allAnswered(Object count);

  @Message
  String agreement();

  @Message
  String record();

  @Message
  String matched();

  @Message
  String originator();

  @Message
  String contact();

  @Message
  String caveats();

  @Message
  String withheld();

  @Message
  String withheldHint(Object partner, Object originator);

  @Message
  String disclosedFields();

  @Message
  String askHolderConsent(Object originator);

  @Message
  String askHolderConsentHint(Object partner, Object originator);

  @Message
  String alertsExplained();

  @Message
  String officerSafety();

  @Message
  String targetConflict();

  @Message
  String yourCase();

  @Message
  String partner();

  @Message
  String partnerCase();

  @Message
  String when();

  @Message
  String acknowledged();

  @Message
  String checksTitle();

  @Message
  String checksExplained();

  @Message
  String check();

  @Message
  String operationsTitle();

  @Message
  String operationType();

  @Message
  String latitude();

  @Message
  String longitude();

  @Message
  String radius();

  @Message
  String address();

  @Message
  String from();

  @Message
  String to();

  @Message
  String areaCaption();

  @Message
  String planAndCheck();

  @Message
  String conflict();

  @Message
  String outcome();

  @Message
  String tier();

  @Message
  String fields();

  @Message
  String justification();

  @Message
  String askConsent();

  @Message
  String parties();

  @Message
  String inForceFromTo();

  @Message
  String queriesPerDay();

  @Message
  String respondWithin();

  @Message
  String purposes();

  @Message
  String roles();

  @Message
  String recordsShared();

  @Message
  String onward();

  @Message
  String whyTitle();

  @Message
  String yourRecord();

  @Message
  String explain();

  @Message
  String workflow();

  @Message
  String forAgency();

  @Message
  String result();

  @Message
  String detail();

  @Message
  String agents();

  @Message
  String conditions();

  @Message
  String reason();

  @Message
  String due();

  @Message
  String overdue();

  @Message
  String chooseFields();

  @Message
  String declineReason();

  @Message
  String grant();

  @Message
  String refuse();

  @Message
  String approve();

  @Message
  String decline();

  @Message
  String inboxTitle();

  @Message
  String awaitingYou();

  @Message
  String nothingAwaiting();

  @Message
  String otherItems();

  @Message
  String duties();

  @Message
  String withinDays();

  @Message
  String sent();

  @Message
  String openRecords();

  @Message
  String recordFeedback();

  @Message
  String recordUsed();

  @Message
  String occurredOn();

  @Message
  String send();

  @Message
  String feedbackItems();

  @Message
  String timelinessTitle();

  @Message
  String generatedAt();

  @Message
  String timelinessChart();

  @Message
  String perStep();

  @Message
  String side();

  @Message
  String step();

  @Message
  String count();

  @Message
  String median();

  @Message
  String breaches();

  @Message
  String answeredAt();

  @Message
  String lateMinutes();

  @Message
  String stillOpen();

  @Message
  String noBreaches();

  @Message
  String exportTitle();

  @Message
  String exportBundle();

  @Message
  String proveTitle();

  @Message
  String entryIndex();

  @Message
  String prove();

  @Message
  String findingsTitle();

  @Message
  String checkPartnersNow();

  @Message
  String partnersChecked();

  @Message
  String noFindings();

  @Message
  String partnerCheckpoints();

  @Message
  String node();

  @Message
  String treeSize();

  @Message
  String entry();

  @Message
  String proofVerified();

  @Message
  String proofNotVerified();

  @Message
  String leafHash();

  @Message
  String inclusionPath();

  @Message
  String navSend();

  @Message
  String sendTitle();

  @Message
  String sendRfiTitle();

  @Message
  String sendRfiHint();

  @Message
  String partnerRecord();

  @Message
  String fieldsWanted();

  @Message
  String fieldsWantedHint();

  @Message
  String sendRfi();

  @Message
  String sendDesignationTitle();

  @Message
  String designatingAgency();

  @Message
  String agentsOnePerLine();

  @Message
  String authority();

  @Message
  String sendDesignation();

  @Message
  String sentNow();

  @Message
  String sentRequests();

  @Message
  String designatedAgents();

  @Message
  String designatedAt();

  @Message
  String processingMs();

  @Message
  String requestMore(Object partner);

  @Message
  String conditionsHint();

  @Message
  String navStatus();

  @Message
  String version();

  @Message
  String holds();

  @Message
  String pendingChecks();

  @Message
  String partnersTitle();

  @Message
  String inForce();

  @Message
  String yes();

  @Message
  String no();

  @Message
  String theirProbes();

  @Message
  String ourProbes();

  @Message
  String theirQueries();

  @Message
  String statusTitle(Object node, Object agency);

  @Message
  String holdsCounts(Object cases, Object records, Object identifiers);

  @Message
  String quotaTitle(Object day);
}
