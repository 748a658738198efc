package org.liaison.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.TestFederation;

class PolicyThroughputTest {
  @Test
  void measure_decidesManyTimesASecond() {
    double rate =
        PolicyThroughput.measure(new AgreementStore(TestFederation.freshAgreements()).all(), 0.3);
    System.out.printf("policy decisions/second (short run): %.0f%n", rate);
    assertThat(rate).isGreaterThan(1000);
  }
}
