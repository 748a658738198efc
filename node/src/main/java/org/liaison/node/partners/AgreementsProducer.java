package org.liaison.node.partners;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.config.NodeConfig;

/** The signed agreements folder this node is configured with. */
@ApplicationScoped
public class AgreementsProducer {

  @Produces
  @Singleton
  AgreementStore agreements(NodeConfig config) {
    return new AgreementStore(
        config.agreements().dir(), Optional.of(config.directory().dir()), Clock.systemUTC());
  }
}
