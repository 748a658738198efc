package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liaison.node.deconfliction.targets.ActiveTargets;

/** A target filter's references: this agency's active cases in the agreement's scope. */
final class CaseInputs implements WalkedInputs {
  private final ActiveTargets targets;
  private final Set<String> scope;

  CaseInputs(ActiveTargets targets, Set<String> scope) {
    this.targets = targets;
    this.scope = scope;
  }

  @Override
  public Slice liveAfter(String after) {
    List<String> cases = targets.activeCasesAfter(after, scope, FilterWalk.SLICE);
    return new Slice(
        cases,
        cases.isEmpty() ? Map.of() : of(cases),
        cases.isEmpty() ? "" : cases.get(cases.size() - 1));
  }

  @Override
  public Map<ByteString, Set<String>> of(List<String> refs) {
    return targets.ofCases(refs, scope);
  }

  @Override
  public List<String> liveAmong(Collection<String> refs) {
    return targets.activeAmong(refs, scope);
  }
}
