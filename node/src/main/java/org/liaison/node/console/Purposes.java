package org.liaison.node.console;

import java.util.List;
import org.liaison.wire.vocabulary.CrimeCategory;
import org.liaison.wire.vocabulary.OfficerRole;
import org.liaison.wire.vocabulary.Vocabulary;

/** The purposes and officer roles an officer can give, as the agreements name them. */
final class Purposes {
  static final List<String> ALL = Vocabulary.codes(CrimeCategory.class).stream().sorted().toList();
  static final List<String> ROLES = Vocabulary.codes(OfficerRole.class).stream().sorted().toList();

  private Purposes() {}
}
