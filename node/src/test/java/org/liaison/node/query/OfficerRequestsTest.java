package org.liaison.node.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.PersonQuery;
import org.liaison.wire.v1.QueryRequest;

class OfficerRequestsTest {

  @Test
  void nationalPhoneNumber_isReadInTheAskingAgencysRegion() {
    Identifier phone =
        Identifier.newBuilder().setType(IdentifierType.PHONE).setValue("(305) 555-0142").build();

    Identifier sent = OfficerRequests.normalised(phone, "us.ice");

    assertThat(sent.getValue()).isEqualTo("+13055550142");
    assertThat(sent.getCountry()).isEqualTo("US");
  }

  @Test
  void anExplicitCountryWinsOverTheAgencysRegion() {
    Identifier phone =
        Identifier.newBuilder()
            .setType(IdentifierType.PHONE)
            .setValue("8 495 555-01-17")
            .setCountry("RU")
            .build();

    assertThat(OfficerRequests.normalised(phone, "us.ice").getValue()).isEqualTo("+74955550117");
  }

  @Test
  void aMalformedIdentifier_isRefusedBeforeAnythingIsSent() {
    Identifier iban =
        Identifier.newBuilder()
            .setType(IdentifierType.ACCOUNT)
            .setValue("DE89 3704 0044 0532 0130 01")
            .build();

    assertThatThrownBy(() -> OfficerRequests.normalised(iban, "us.ice"))
        .isInstanceOf(InvalidOfficerRequest.class);
  }

  @Test
  void personQueries_passUnchanged() {
    QueryRequest q =
        QueryRequest.newBuilder()
            .setPerson(PersonQuery.newBuilder().setName("Дмитрий Волков"))
            .build();

    assertThat(OfficerRequests.normalised(q, "us.ice")).isEqualTo(q);
  }
}
