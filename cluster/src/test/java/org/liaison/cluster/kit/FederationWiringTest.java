package org.liaison.cluster.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.cluster.AgencyGateway;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.ProcessStartException;
import org.liaison.pki.PkiLayout;

/** The federation's wiring, checked before any process starts (node and gateway need not exist). */
class FederationWiringTest {

  @TempDir Path dir;

  Federation prepared() {
    return Federation.builder()
        .agencies("us.ice", "us.dea", "ru.skr")
        .workDir(dir.resolve("work"))
        .repositoryRoot(dir.resolve("repo"))
        .today(LocalDate.of(2026, 6, 1))
        .gatewayOption("us.ice", "liaison.gateway.test.flip-byte", "true")
        .nodeOption("liaison.query.deadline-ms", "1500")
        .build()
        .prepare();
  }

  @Test
  void pki_runsTheDevelopmentPkiOnTheFederationsOwnPki_andFailsWithTheToolsError()
      throws Exception {
    Federation f = prepared();
    Path crl = new PkiLayout(f.pkiDir()).caCrl("us.dea");
    String before = Files.readString(crl);

    f.pki("crl", "--agency", "us.dea");

    assertThat(Files.readString(crl)).isNotEqualTo(before);
    assertThatThrownBy(() -> f.pki("crl", "--agency", "xx.nowhere"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("liaison-pki crl --agency xx.nowhere --pki " + f.pkiDir())
        .hasMessageContaining("exited");
  }

  @Test
  void prepare_wiresGatewaysToEveryPartnerAndNodesToTheirOwnGateway() {
    Federation f = prepared();
    AgencyGateway ice = f.gateway("us.ice");
    Map<String, String> iceGw = ice.configuration();

    assertThat(iceGw)
        .containsEntry("liaison.gateway.routes.us.dea", f.gateway("us.dea").partnerAddress())
        .containsEntry("liaison.gateway.routes.ru.skr", f.gateway("ru.skr").partnerAddress())
        .doesNotContainKey("liaison.gateway.routes.us.ice")
        .containsEntry("liaison.gateway.nodes.node-1", f.node("us.ice").federationAddress())
        .containsEntry("liaison.gateway.test.flip-byte", "true")
        .containsEntry("liaison.pki.dir", f.pkiDir().resolve("us.ice/gateway").toString());
    assertThat(f.gateway("us.dea").configuration())
        .doesNotContainKey("liaison.gateway.test.flip-byte");

    Map<String, String> iceNode = f.node("us.ice").configuration();
    assertThat(iceNode)
        .containsEntry("liaison.agency", "us.ice")
        .containsEntry("liaison.node", "node-1")
        .containsEntry("liaison.gateway.address", ice.nodeAddress())
        .containsEntry("liaison.pki.dir", f.pkiDir().resolve("us.ice/nodes/node-1").toString())
        .containsEntry("liaison.directory.dir", f.pkiDir().resolve("directory").toString())
        .containsEntry(
            "liaison.agreements.dir",
            f.workDir().toAbsolutePath().resolve("us.ice/agreements").toString())
        .containsEntry("liaison.query.deadline-ms", "1500")
        .containsEntry("quarkus.http.port", Integer.toString(f.node("us.ice").httpPort()));
  }

  @Test
  void prepare_givesEveryListenerItsOwnPort() {
    Federation f = prepared();
    Set<String> addresses = new HashSet<>();
    for (String a : f.agencies()) {
      AgencyNode n = f.node(a);
      AgencyGateway g = f.gateway(a);
      addresses.addAll(
          List.of(
              n.officerAddress(),
              n.federationAddress(),
              "http:" + n.httpPort(),
              g.partnerAddress(),
              g.nodeAddress(),
              "http:" + g.httpPort()));
    }
    assertThat(addresses).hasSize(18);
  }

  @Test
  void prepare_createsPkiAndGivesEachAgencyItsOwnCopyOfTheSignedAgreements() throws Exception {
    Federation f = prepared();

    assertThat(f.node("ru.skr").officerCredentials().certificate()).exists();
    assertThat(f.pkiDir().resolve("us.dea/ca.crt.pem")).exists();
    // of the reference agreements, only those whose parties are all here: dea-ice-xdes-2009 and
    // ice-skr-2010
    for (String agency : f.agencies()) {
      Path copy = f.workDir().resolve(agency).resolve("agreements");
      assertThat(copy.resolve("ice-skr-2010.yaml")).exists();
      assertThat(copy.resolve("ice-skr-2010.us.ice.p7s")).exists();
      assertThat(copy.resolve("ice-skr-2010.ru.skr.p7s")).exists();
      assertThat(copy.resolve("dea-ice-xdes-2009.yaml")).exists();
      assertThat(copy.resolve("ice-ocdetf-2009.yaml")).doesNotExist();
    }
    assertThat(Files.readString(f.workDir().resolve("us.ice/agreements/ice-skr-2010.yaml")))
        .isEqualTo(Files.readString(f.agreementsDir().resolve("ice-skr-2010.yaml")));
  }

  @Test
  void start_withoutBuiltApps_failsSayingWhichJarIsMissing() {
    Federation f = prepared();
    assertThatThrownBy(f::start)
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining(
            dir.resolve("repo/node/target/quarkus-app/quarkus-run.jar") + " is missing");
  }

  @Test
  void build_oneAgency_isRefused() {
    assertThatThrownBy(() -> Federation.builder().agencies("us.ice").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two agencies");
  }
}
