package org.liaison.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one {@link Federation} for the annotated test class, shared by its tests, and injects it
 * into constructor and method parameters of type {@code Federation}. Logs and data stay under
 * {@code target/federation/<TestClass>/}.
 *
 * <pre>{@code
 * @FederationTest(agencies = {"us.ice", "us.dea"})
 * class TargetConflictIT {
 *   @Test void conflict(Federation f) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FederationExtension.class)
public @interface FederationTest {

  /** The agencies to start (default: {@link Federation#DEMO_AGENCIES}). */
  String[] agencies() default {"us.ice", "us.cbp", "us.dea", "ru.skr", "us.ioc2"};

  /** Seed nodes with the reference records (default true). */
  boolean seedReferenceRecords() default true;

  /**
   * More seed records, each {@code agency=/classpath/resource.jsonl}: appended to that agency's
   * reference records, imported at its first start as seeds are.
   */
  String[] extraSeeds() default {};

  /** Node configuration, each {@code key=value} (every node) or {@code agency/key=value}. */
  String[] nodeOptions() default {};

  /** Gateway configuration, each {@code key=value} (every gateway) or {@code agency/key=value}. */
  String[] gatewayOptions() default {};

  /**
   * Agencies whose node runs on its own PostgreSQL server (the node built by {@code -Ppostgresql});
   * {@code "*"}: every agency. The others run on H2.
   */
  String[] postgresql() default {};

  /**
   * The folder of the PostgreSQL server binaries for {@link #postgresql()} agencies (e.g. Debian's
   * {@code /usr/lib/postgresql/15/bin}); empty: Maven's PostgreSQL 17.
   */
  String postgresqlBinaries() default "";

  /** How long each process may take to become ready (seconds). */
  int readySeconds() default 180;
}
