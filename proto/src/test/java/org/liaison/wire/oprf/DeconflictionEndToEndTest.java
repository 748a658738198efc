package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.IdentifierType;

/**
 * The target de-confliction protocol without network: B (us.dea) publishes a filter of its targets
 * under its key for partner A (us.ice); A blinds 1,000 probes, B evaluates them in batches, A
 * finalizes and tests the filter locally.
 */
class DeconflictionEndToEndTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-06-10T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void probes_findExactlyTheSharedTargets_andThePartnerSeesOnlyBlindedElements() {
    OprfKeyRing deaKeys = new OprfKeyRing(Hex.decode("5a".repeat(32)), OprfMode.VOPRF, NOW);
    long epoch = deaKeys.currentEpoch();

    // B: 2,000 active targets, 40 of which A also probes.
    List<String> deaTargets = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      deaTargets.add(String.format("+1305555%04d", i));
    }
    Set<String> shared = new HashSet<>(deaTargets.subList(1_000, 1_040));
    OprfKeyPair keyForIce = deaKeys.key("us.ice", epoch);
    PrfFilterBuilder builder = new PrfFilterBuilder(10_000, 1e-4);
    OprfServer deaForIce = new OprfServer(keyForIce, OprfMode.VOPRF);
    for (String t : deaTargets) { // B computes its own PRF values directly with its key
      builder.add(deaForIce.evaluate(PrfInputs.identifier(IdentifierType.PHONE, t)));
    }
    builder.commit();
    byte[] filterOnTheWire = builder.published().toBytes();
    byte[] committedKey = keyForIce.publicKey();

    // A: 1,000 probes, 40 of them DEA's targets.
    List<String> probes = new ArrayList<>(shared);
    for (int i = 0; probes.size() < 1_000; i++) {
      probes.add(String.format("+1786555%04d", i));
    }
    PrfFilter filter = PrfFilter.fromBytes(filterOnTheWire);
    OprfClient ice = new OprfClient(OprfMode.VOPRF);
    List<BlindedInput> blinded = new ArrayList<>();
    for (String p : probes) {
      blinded.add(ice.blind(PrfInputs.identifier(IdentifierType.PHONE, p)));
    }

    // B's evaluation, through a recorder of every byte it receives.
    List<byte[]> receivedByDea = new ArrayList<>();
    List<byte[]> outputs = new ArrayList<>();
    OprfServer deaEvaluator = deaKeys.server("us.ice", epoch);
    for (int from = 0; from < blinded.size(); from += 100) {
      List<BlindedInput> batch = blinded.subList(from, from + 100);
      List<byte[]> request = batch.stream().map(BlindedInput::blindedElement).toList();
      receivedByDea.addAll(request);
      VerifiableEvaluation answer = deaEvaluator.blindEvaluateVerifiable(request);
      outputs.addAll(ice.finalizeVerifiable(batch, answer, committedKey));
    }

    Set<String> hits = new HashSet<>();
    for (int i = 0; i < probes.size(); i++) {
      if (filter.mightContain(outputs.get(i))) {
        hits.add(probes.get(i));
      }
    }
    // Every shared target is found; non-shared hits only at the filter's rate (1e-4 x 960).
    assertThat(hits).containsAll(shared);
    assertThat(hits.size() - shared.size()).isLessThanOrEqualTo(2);
    // B confirms claims against its own data: the false positives go away there.
    assertThat(hits.stream().filter(deaTargets::contains))
        .containsExactlyInAnyOrderElementsOf(shared);

    // What B saw: 1,000 valid 33-byte points, none equal to a raw input or its hash-to-curve point.
    assertThat(receivedByDea).hasSize(1_000).allMatch(e -> e.length == 33);
    Set<String> seen = new HashSet<>();
    receivedByDea.forEach(e -> seen.add(Hex.toHexString(e)));
    for (String p : probes) {
      byte[] input = PrfInputs.identifier(IdentifierType.PHONE, p);
      String raw = Hex.toHexString(input);
      String unblinded = Hex.toHexString(OprfGroup.serializeElement(ice.hashToGroup(input)));
      assertThat(seen).doesNotContain(unblinded);
      assertThat(seen).noneMatch(s -> s.contains(raw) || s.contains(Hex.toHexString(p.getBytes())));
    }
  }
}
