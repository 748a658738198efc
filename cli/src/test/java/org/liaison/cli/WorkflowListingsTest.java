package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.v1.DesignatedAgent;
import org.liaison.wire.v1.DesignatedAgentList;
import org.liaison.wire.v1.DesignatedAgentsRequest;
import org.liaison.wire.v1.FeedbackDutiesRequest;
import org.liaison.wire.v1.FeedbackDuty;
import org.liaison.wire.v1.FeedbackDutyList;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowItems;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowQuery;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * The listings ({@code designation list}, {@code feedback duties}, {@code request list}) print one
 * line per item, a sentence when there is none, and JSON Lines with --json, from a node over real
 * mutual TLS.
 */
class WorkflowListingsTest {
  @TempDir Path dir;

  private final ListingWorkflows node = new ListingWorkflows();

  private static CliRun run(OfficerServerFixture server, String group, String... args) {
    CliRun run = CliRun.ofGroup(server.connectAs("us.ice"), group, args);
    assertThat(run.exit()).as(run.err()).isZero();
    return run;
  }

  @Test
  void empty_listingsSaySo() throws Exception {
    try (OfficerServerFixture server = OfficerServerFixture.serving(dir, node)) {
      assertThat(run(server, "designation", "list").out()).isEqualTo(line("No designated agents."));
      assertThat(run(server, "feedback", "duties").out())
          .isEqualTo(line("No agreement in force owes feedback."));
      assertThat(run(server, "request", "list").out()).isEqualTo(line("Nothing to list."));
      assertThat(run(server, "designation", "list", "--json").out()).isEmpty();
    }
  }

  @Test
  void items_areOneLineEach_asTextOrJson() throws Exception {
    node.agents.add(
        DesignatedAgent.newBuilder()
            .setAgent("SA Ana Ruiz")
            .setAuthority("TITLE_21")
            .setDesignatingAgency("us.dea")
            .setRequestingAgency("us.ice")
            .setRequestedAt("2026-03-02")
            .setDesignatedAt("2026-03-04")
            .setProcessingMs(172_800_000)
            .build());
    node.duties.add(
        FeedbackDuty.newBuilder()
            .setPartnerAgency("us.dea")
            .setAgreementId("ice-dea-2024")
            .setWithinDays(30)
            .setFeedbackSent(2)
            .addOpenRecordIds("dea-r-7")
            .build());
    node.items.add(
        WorkflowItem.newBuilder()
            .setWorkflowId("w-1")
            .setKind(WorkflowKind.INFORMATION_REQUEST)
            .setSide(WorkflowSide.REQUESTER)
            .setPartnerAgency("us.dea")
            .setState(WorkflowState.APPROVED)
            .build());

    try (OfficerServerFixture server = OfficerServerFixture.serving(dir, node)) {
      String agents = run(server, "designation", "list").out();
      assertThat(agents.lines()).hasSize(1);
      assertThat(agents)
          .startsWith("SA Ana Ruiz")
          .contains("TITLE_21 by us.dea for us.ice, requested 2026-03-02, designated 2026-03-04");
      assertThat(run(server, "feedback", "duties").out())
          .isEqualTo(line("us.dea     ice-dea-2024: within 30 days; 2 sent; 1 open [dea-r-7]"));
      assertThat(run(server, "request", "list").out())
          .isEqualTo(line(WorkflowText.line(node.items.get(0))));
      assertThat(run(server, "designation", "list", "--json").out())
          .isEqualTo(line(Json.line(node.agents.get(0))));
      assertThat(run(server, "feedback", "duties", "--json").out())
          .isEqualTo(line(Json.line(node.duties.get(0))));
      assertThat(run(server, "request", "list", "--json").out())
          .isEqualTo(line(Json.line(node.items.get(0))));
    }
  }

  private static String line(String text) {
    return text + System.lineSeparator();
  }

  static final class ListingWorkflows extends WorkflowsGrpc.WorkflowsImplBase {
    final List<DesignatedAgent> agents = new ArrayList<>();
    final List<FeedbackDuty> duties = new ArrayList<>();
    final List<WorkflowItem> items = new ArrayList<>();

    @Override
    public void designatedAgents(
        DesignatedAgentsRequest request, StreamObserver<DesignatedAgentList> out) {
      out.onNext(DesignatedAgentList.newBuilder().addAllAgents(agents).build());
      out.onCompleted();
    }

    @Override
    public void feedbackDuties(
        FeedbackDutiesRequest request, StreamObserver<FeedbackDutyList> out) {
      out.onNext(FeedbackDutyList.newBuilder().addAllDuties(duties).build());
      out.onCompleted();
    }

    @Override
    public void list(WorkflowQuery request, StreamObserver<WorkflowItems> out) {
      out.onNext(WorkflowItems.newBuilder().addAllItems(items).build());
      out.onCompleted();
    }
  }
}
