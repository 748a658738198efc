package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liaison.node.deconfliction.events.PlannedOperations;
import org.liaison.wire.geo.EventTokens;

/**
 * An event filter's references: this agency's live operations of cases in the agreement's scope, a
 * slice of them holding about {@link #SLICE_INPUTS} tokens (an operation has tens to thousands).
 */
final class OperationInputs implements WalkedInputs {
  /** Tokens a slice of the walk holds, about (an operation's tokens are never split). */
  static final int SLICE_INPUTS = 20_000;

  private final PlannedOperations operations;
  private final Set<String> scope;
  private final EventTokens tokens;

  OperationInputs(PlannedOperations operations, Set<String> scope, EventTokens tokens) {
    this.operations = operations;
    this.scope = scope;
    this.tokens = tokens;
  }

  @Override
  public Slice liveAfter(String after) {
    PlannedOperations.TokenSlice s =
        operations.tokensAfter(after, FilterWalk.SLICE, SLICE_INPUTS, scope, tokens);
    return new Slice(s.ids(), s.tokens(), s.last());
  }

  @Override
  public Map<ByteString, Set<String>> of(List<String> refs) {
    return operations.tokensOf(refs, scope, tokens);
  }

  @Override
  public List<String> liveAmong(Collection<String> refs) {
    return operations.liveAmong(refs, scope);
  }
}
