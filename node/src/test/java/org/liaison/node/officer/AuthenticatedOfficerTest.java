package org.liaison.node.officer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.transport.PeerIdentity;
import org.liaison.wire.v1.Reason;

class AuthenticatedOfficerTest {
  @TempDir Path dir;

  private OfficerDirectory directory(String text) throws Exception {
    Path file = dir.resolve("officers.properties");
    Files.writeString(file, text);
    return new OfficerDirectory(Optional.of(file));
  }

  private static AuthenticatedOfficer officer1(OfficerDirectory d) {
    return AuthenticatedOfficer.of(new PeerIdentity("us.ice", "officer", "officer-1", null), d);
  }

  @Test
  void theCertificatesOfficerIsTheOneActing_blankOrRepeatedIdsAreAccepted() throws Exception {
    AuthenticatedOfficer o = officer1(directory("officer-1 = CASE_AGENT\n"));
    assertThat(o.actingAs("")).isEqualTo("officer-1");
    assertThat(o.actingAs(null)).isEqualTo("officer-1");
    assertThat(o.actingAs("officer-1")).isEqualTo("officer-1");
  }

  @Test
  void aRequestNamingAnotherOfficerIsRefused() throws Exception {
    AuthenticatedOfficer o = officer1(directory("officer-1 = CASE_AGENT\n"));
    assertThatThrownBy(() -> o.actingAs("officer-99-impostor"))
        .isInstanceOfSatisfying(
            OfficerRefusal.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.OFFICER_NOT_CERTIFICATE_HOLDER);
              assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
              assertThat(e.getMessage()).contains("officer-1").doesNotContain("impostor");
            });
  }

  @Test
  void aRoleIsAcceptedOnlyIfTheDirectoryGivesIt() throws Exception {
    AuthenticatedOfficer o = officer1(directory("officer-1 = CASE_AGENT, analyst\n"));
    assertThat(o.role("case-agent")).isEqualTo("CASE_AGENT");
    assertThat(o.role("ANALYST")).isEqualTo("ANALYST");
    assertThat(o.role("")).as("several roles, none named: no role").isEmpty();
    assertThatThrownBy(() -> o.role("SUPERVISOR"))
        .isInstanceOfSatisfying(
            OfficerRefusal.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.OFFICER_ROLE_NOT_HELD));
  }

  @Test
  void anOfficersOnlyRoleIsTheDefault() throws Exception {
    assertThat(officer1(directory("officer-1 = INVESTIGATOR\n")).role(null))
        .isEqualTo("INVESTIGATOR");
  }

  @Test
  void noDirectoryOrNoEntry_noRole() throws Exception {
    AuthenticatedOfficer none = officer1(new OfficerDirectory(Optional.empty()));
    assertThat(none.role("")).isEmpty();
    assertThatThrownBy(() -> none.role("CASE_AGENT")).isInstanceOf(OfficerRefusal.class);
    AuthenticatedOfficer other = officer1(directory("officer-2 = CASE_AGENT\n"));
    assertThatThrownBy(() -> other.role("CASE_AGENT")).isInstanceOf(OfficerRefusal.class);
  }

  @Test
  void theDirectoryIsReadAgainWhenItChanges() throws Exception {
    OfficerDirectory d = directory("officer-1 = ANALYST\n");
    assertThat(d.rolesOf("officer-1")).containsExactly("ANALYST");
    Path file = dir.resolve("officers.properties");
    Files.writeString(file, "officer-1 = ANALYST, SUPERVISOR\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(d.rolesOf("officer-1")).containsExactlyInAnyOrder("ANALYST", "SUPERVISOR");
    Files.delete(file);
    assertThat(d.rolesOf("officer-1")).as("an unreadable directory grants nothing").isEmpty();
  }
}
