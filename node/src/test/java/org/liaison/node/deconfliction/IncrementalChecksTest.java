package org.liaison.node.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.node.deconfliction.matching.PrivateMatcher;
import org.liaison.node.deconfliction.targets.TargetDeconfliction;
import org.liaison.node.records.ImportResult;
import org.liaison.node.records.ImportService;
import org.liaison.wire.v1.BlindEvaluateRequest;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PointOfContact;

/**
 * Automatic case checks ask the partner only about subjects it has not answered for, and a check of
 * any size travels in bounded probe envelopes (real crypto, the node's own handlers as the partner,
 * the real database).
 */
@QuarkusTest
@TestProfile(IncrementalChecksTest.Profile.class)
class IncrementalChecksTest {
  /** The loopback partner, with probe envelopes small enough to test splitting under quota. */
  public static class Profile extends LoopbackProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> c = new java.util.HashMap<>(super.getConfigOverrides());
      c.put("liaison.deconfliction.probe-batch", Integer.toString(PROBE_BATCH));
      return c;
    }
  }

  static final int PROBE_BATCH = 300;

  @Inject ImportService imports;
  @Inject TargetDeconfliction targets;
  @Inject PrivateMatcher matcher;
  @Inject LoopbackPartnerCall loop;

  private void importSubjects(String caseNumber, int from, int to) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "{\"kind\":\"case\",\"caseNumber\":\""
            + caseNumber
            + "\",\"agency\":\"us.test\",\"agent\":{\"name\":\"Agent Inc\"},"
            + "\"crimeCategories\":[\"DRUG_TRAFFICKING\"],\"status\":\"ACTIVE\"}");
    for (int i = from; i < to; i++) {
      lines.add(
          "{\"kind\":\"subject\",\"id\":\"inc-"
              + caseNumber
              + "-"
              + i
              + "\",\"case\":\""
              + caseNumber
              + "\",\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"+1 202 310"
              + String.format(" %04d", i)
              + "\"}]}");
    }
    for (String line : lines) {
      ImportResult r = imports.importLine(1, line);
      assertThat(r.accepted()).as(r.message()).isTrue();
    }
  }

  private List<Integer> probeBatches() {
    List<Integer> sizes = new ArrayList<>();
    for (LoopbackPartnerCall.Sent s : loop.sent()) {
      if (s.header().contentType().equals(BlindEvaluateRequest.getDescriptor().getFullName())) {
        try {
          BlindEvaluateRequest q = BlindEvaluateRequest.parseFrom(s.payload());
          if (q.getKind() == MatchKind.TARGET) {
            sizes.add(q.getBlindedElementsCount());
          }
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      }
    }
    return sizes;
  }

  private void checkCase(String caseNumber) {
    targets.checkCase(
        caseNumber,
        "node:test",
        List.of(PrivateMatchingTest.PARTNER),
        10_000,
        o -> assertThat(o.failure()).as("outcome of " + o.partner().agency()).isNull());
  }

  @Test
  void aCaseCheck_probesOnlyTheSubjectsAddedSinceThePartnerLastAnswered() {
    importSubjects("T-INC-1", 0, 3);
    loop.clear();
    checkCase("T-INC-1");
    assertThat(probeBatches()).containsExactly(3);

    importSubjects("T-INC-1", 3, 5);
    loop.clear();
    checkCase("T-INC-1");
    assertThat(probeBatches()).as("only the two new subjects").containsExactly(2);

    loop.clear();
    checkCase("T-INC-1");
    assertThat(probeBatches()).as("nothing new, nothing probed").isEmpty();
  }

  @Test
  void aCheckOfManyInputs_travelsInProbeBatchesUnderTheMessageLimit() throws Exception {
    List<ByteString> inputs = new ArrayList<>();
    for (int i = 0; i < PROBE_BATCH + 1; i++) {
      inputs.add(MatchInputs.identifier(IdentifierType.EMAIL, "probe" + i + "@example.com"));
    }
    loop.clear();
    matcher
        .match(
            PrivateMatchingTest.PARTNER,
            MatchKind.TARGET,
            Set.copyOf(inputs),
            new PrivateMatcher.Claimant("Q-INC", PointOfContact.getDefaultInstance(), "o", null),
            30_000)
        .get(120, TimeUnit.SECONDS);

    assertThat(probeBatches()).containsExactly(PROBE_BATCH, 1);
    assertThat(loop.sent()).allSatisfy(s -> assertThat(s.payload().length).isLessThan(1024 * 1024));
  }
}
