package org.liaison.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;

/**
 * Measures policy decisions per second (no JMH): {@code PolicyThroughput <agreements-dir>
 * [seconds]}. Mixes the acceptance-case requests (allow at summary, purpose refusal, PNR withheld).
 */
public final class PolicyThroughput {
  private PolicyThroughput() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: PolicyThroughput <agreements-dir> [seconds]");
      System.exit(2);
    }
    List<AgreementStatus> statuses = new AgreementStore(Path.of(args[0])).all();
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
    System.out.printf("%.0f decisions/second%n", measure(statuses, seconds));
  }

  /** Runs a warm-up, then decides for {@code seconds}; returns decisions per second. */
  public static double measure(List<AgreementStatus> statuses, double seconds) {
    Map<String, String> fields =
        Map.of(
            "name",
            "Dmitriy Volkov",
            "date_of_birth",
            "1979-03-14",
            "nationality",
            "RU",
            "phone",
            "+7 495 555 0100",
            "flight",
            "SU100");
    List<PolicyRequest> mix =
        List.of(
            PolicyRequest.of(
                statuses,
                "ru.skr",
                "INVESTIGATOR",
                "HUMAN_SMUGGLING",
                "c",
                RecordFacts.own("us.ice", "SUBJECT_PROFILE", Set.of("HUMAN_SMUGGLING"), fields)),
            PolicyRequest.of(
                statuses,
                "ru.skr",
                "INVESTIGATOR",
                "NARCOTICS",
                "c",
                RecordFacts.own("us.ice", "SUBJECT_PROFILE", Set.of("NARCOTICS"), fields)),
            PolicyRequest.of(
                statuses,
                "us.ioc2",
                "ANALYST",
                "INTERNATIONAL_ORGANIZED_CRIME",
                "c",
                new RecordFacts(
                    "us.ice",
                    "us.cbp",
                    "PNR",
                    Set.of("INTERNATIONAL_ORGANIZED_CRIME"),
                    fields,
                    List.of(),
                    false)),
            PolicyRequest.of(
                statuses,
                "us.ice",
                "CASE_AGENT",
                "DRUG_TRAFFICKING",
                "c",
                RecordFacts.own("us.dea", "ROI", Set.of("DRUG_TRAFFICKING"), fields)));
    long sink = 0;
    long warmEnd = System.nanoTime() + 500_000_000L;
    for (int i = 0; System.nanoTime() < warmEnd; i++) {
      sink += PolicyEngine.decide(mix.get(i & 3)).checks().size();
    }
    long n = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      for (int i = 0; i < 1024; i++) {
        sink += PolicyEngine.decide(mix.get(i & 3)).checks().size();
      }
      n += 1024;
    }
    double rate = n / ((System.nanoTime() - start) / 1e9);
    if (sink == 42) {
      System.out.print("");
    }
    return rate;
  }
}
