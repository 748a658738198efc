package org.liaison.cluster;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of {@link FederationTest}: one federation per test class, started before its
 * first test (or when first injected), stopped when the class is done.
 */
public final class FederationExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FederationExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    federation(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Federation.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return federation(context);
    } catch (ProcessStartException e) {
      throw new ParameterResolutionException("The federation did not start: " + e.getMessage(), e);
    }
  }

  private static Federation federation(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    // the class-level store lives as long as the class, so every test shares one federation
    ExtensionContext classContext = context;
    while (classContext.getParent().isPresent() && classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().get();
    }
    Started started =
        classContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(testClass, c -> new Started(start(testClass)), Started.class);
    return started.federation;
  }

  static Federation start(Class<?> testClass) {
    FederationTest spec = testClass.getAnnotation(FederationTest.class);
    if (spec == null) {
      throw new ParameterResolutionException(
          testClass.getName() + " uses FederationExtension without @FederationTest.");
    }
    Federation.Builder b =
        Federation.builder()
            .agencies(spec.agencies())
            .seedReferenceRecords(spec.seedReferenceRecords())
            .healthTimeout(
                // -Dliaison.cluster.health-timeout-s lengthens it on a busy machine
                java.time.Duration.ofSeconds(
                    Math.max(
                        spec.readySeconds(), Long.getLong("liaison.cluster.health-timeout-s", 0))))
            .workDir(Path.of("target", "federation", testClass.getSimpleName()));
    for (String agency : spec.postgresql()) {
      b.postgresql(agency.equals("*") ? spec.agencies() : new String[] {agency});
    }
    if (!spec.postgresqlBinaries().isEmpty()) {
      b.postgresqlBinaries(Path.of(spec.postgresqlBinaries()));
    }
    for (String option : spec.nodeOptions()) {
      Option o = Option.parse(option);
      b.nodeOption(o.agency(), o.key(), o.value());
    }
    for (String seed : spec.extraSeeds()) {
      int eq = seed.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + seed + "' is not agency=/resource.jsonl.");
      }
      b.extraSeed(seed.substring(0, eq), seed.substring(eq + 1));
    }
    for (String option : spec.gatewayOptions()) {
      Option o = Option.parse(option);
      b.gatewayOption(o.agency(), o.key(), o.value());
    }
    return b.build().start();
  }

  /** Closed by JUnit when the class's store is closed. */
  private record Started(Federation federation)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      federation.stopAll();
    }
  }

  record Option(String agency, String key, String value) {
    static Option parse(String text) {
      int eq = text.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + text + "' is not key=value or agency/key=value.");
      }
      String left = text.substring(0, eq);
      int slash = left.indexOf('/');
      String agency = slash > 0 ? left.substring(0, slash) : "*";
      String key = slash > 0 ? left.substring(slash + 1) : left;
      return new Option(agency, key, text.substring(eq + 1));
    }
  }
}
