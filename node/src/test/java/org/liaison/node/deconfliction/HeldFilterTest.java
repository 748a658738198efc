package org.liaison.node.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.liaison.wire.oprf.OprfKeyPair;
import org.liaison.wire.oprf.OprfMode;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.oprf.PrfFilter;
import org.liaison.wire.oprf.PrfFilterDelta;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;

class HeldFilterTest {
  private final OprfServer server =
      new OprfServer(
          OprfKeyPair.derive(OprfMode.VOPRF, new byte[32], "liaison-deconfliction/us.dea/1"),
          OprfMode.VOPRF);

  @Test
  void partnerFollowsAddsAndRemovalsThroughDeltas_andClaimsMapBackToCases() {
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 10);
    Map<ByteString, Set<String>> targets = new HashMap<>();
    ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
    ByteString b = MatchInputs.identifier(IdentifierType.PHONE, "+13055550143");
    targets.put(a, Set.of("DEA-1"));
    held.sync(targets, 1);

    FilterAnswer full = held.answer("", 0);
    assertThat(full.getFullFilter().isEmpty()).isFalse();
    PrfFilter partner = PrfFilter.fromBytes(full.getFullFilter().toByteArray());
    byte[] prfA = server.evaluate(a.toByteArray());
    byte[] prfB = server.evaluate(b.toByteArray());
    assertThat(partner.mightContain(prfA)).isTrue();
    assertThat(held.refsFor(ByteString.copyFrom(prfA))).containsExactly("DEA-1");
    assertThat(held.refsFor(ByteString.copyFrom(prfB))).isEmpty();

    targets.remove(a);
    targets.put(b, Set.of("DEA-2"));
    held.sync(targets, 2);
    FilterAnswer delta = held.answer(full.getFilterId(), full.getGeneration());
    assertThat(delta.getFullFilter().isEmpty()).isTrue();
    for (ByteString d : delta.getDeltasList()) {
      partner = partner.apply(PrfFilterDelta.fromBytes(d.toByteArray()));
    }
    assertThat(partner.generation()).isEqualTo(delta.getGeneration());
    assertThat(partner.mightContain(prfB)).isTrue();
    assertThat(partner.mightContain(prfA)).isFalse();
    assertThat(held.refsFor(ByteString.copyFrom(prfA))).isEmpty();
    assertThat(held.refsFor(ByteString.copyFrom(prfB))).containsExactly("DEA-2");

    // another filter id (rebuilt, or a stranger) gets the full filter
    assertThat(held.answer("not-this-one", 0).getFullFilter().isEmpty()).isFalse();
    // up to date: no deltas, no filter
    FilterAnswer current = held.answer(full.getFilterId(), delta.getGeneration());
    assertThat(current.getFullFilter().isEmpty()).isTrue();
    assertThat(current.getDeltasList()).isEmpty();
  }

  @Test
  void outgrownFilterAsksToBeRebuilt() {
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 1);
    Map<ByteString, Set<String>> many = new HashMap<>();
    for (int i = 0; i <= HeldFilter.MIN_CAPACITY; i++) {
      many.put(ByteString.copyFromUtf8("x" + i), Set.of("C"));
    }
    assertThat(held.sync(many, 1)).isFalse();
  }
}
