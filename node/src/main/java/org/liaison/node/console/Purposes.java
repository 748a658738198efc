package org.liaison.node.console;

import java.util.Arrays;
import java.util.List;
import org.liaison.agreements.CrimeCategory;

/** The purposes an officer can give, as the agreements name them. */
final class Purposes {
  static final List<String> ALL =
      Arrays.stream(CrimeCategory.values()).map(Enum::name).sorted().toList();

  private Purposes() {}
}
