package org.liaison.wire.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.pki.TestPki;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditRecord;

/**
 * Fuzzes the audit bundle verifier (what {@code liaison audit verify} reads from a file someone
 * hands over): a bundle signed properly by us.ice with fuzzed changes to its records, checkpoints
 * and certificates, to its serialised bytes, or to its JSON text. The verifier reports and never
 * throws; reading JSON refuses only with {@link InvalidProtocolBufferException}; and a bundle
 * passes only if its entries are, in order, the first entries of the log that was signed.
 */
class AuditBundleFuzzTest {

  private static final AuditBundle SIGNED;
  private static final String SIGNED_JSON;

  static {
    try {
      TestPki.Agency ice = TestPki.agency("us.ice");
      SIGNED = AuditBundleVerifierTest.bundle(4, ice.signing("node-1"), ice.ca);
      SIGNED_JSON = AuditBundles.toJson(SIGNED);
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void bundle(FuzzedDataProvider data) {
    AuditBundle b;
    switch (data.consumeInt(0, 3)) {
      case 0 -> b = changeRecords(data);
      case 1 -> {
        byte[] wire = SIGNED.toByteArray();
        int edits = data.consumeInt(1, 8);
        for (int i = 0; i < edits; i++) {
          wire[data.consumeInt(0, wire.length - 1)] ^= data.consumeByte();
        }
        try {
          b = AuditBundle.parseFrom(wire);
        } catch (InvalidProtocolBufferException e) {
          return;
        }
      }
      case 2 -> {
        StringBuilder json = new StringBuilder(SIGNED_JSON);
        int at = data.consumeInt(0, json.length());
        int cut = data.consumeInt(0, 16);
        json.replace(at, Math.min(json.length(), at + cut), data.consumeString(24));
        b = fromJson(json.toString());
      }
      default -> b = fromJson(data.consumeRemainingAsAsciiString());
    }
    if (b == null) {
      return;
    }
    AuditBundleVerifier.Report r = AuditBundleVerifier.verify(b);
    assertThat(r.ok()).isEqualTo(r.problems().isEmpty());
    if (r.ok()) {
      assertThat(r.firstBadIndex()).isEqualTo(-1);
      assertThat(b.getRecordsCount()).isBetween(1, SIGNED.getRecordsCount());
      for (int i = 0; i < b.getRecordsCount(); i++) {
        assertThat(b.getRecords(i).getEntry())
            .as("entry %d of a bundle that verifies", i)
            .isEqualTo(SIGNED.getRecords(i).getEntry());
      }
    } else {
      assertThat(r.problems()).allSatisfy(p -> assertThat(p).isNotBlank());
    }
  }

  private static AuditBundle fromJson(String json) {
    try {
      return AuditBundles.fromJson(json);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  private static AuditBundle changeRecords(FuzzedDataProvider data) {
    List<AuditRecord> records = new ArrayList<>(SIGNED.getRecordsList());
    AuditBundle.Builder b = SIGNED.toBuilder();
    int changes = data.consumeInt(1, 4);
    for (int c = 0; c < changes; c++) {
      int at = data.consumeInt(0, records.size() - 1);
      AuditRecord r = records.get(at);
      switch (data.consumeInt(0, 7)) {
        case 0 -> records.remove(at);
        case 1 -> records.add(data.consumeInt(0, records.size()), r);
        case 2 -> records.set(at, r.toBuilder().setIndex(data.consumeLong()).build());
        case 3 ->
            records.set(
                at, r.toBuilder().setEntry(edited(r.getEntry(), data)).clearDecoded().build());
        case 4 ->
            records.set(
                at,
                r.toBuilder()
                    .setCheckpoint(
                        r.getCheckpoint().toBuilder()
                            .setCheckpoint(edited(r.getCheckpoint().getCheckpoint(), data)))
                    .build());
        case 5 -> b.setCheckpoint(r.getCheckpoint());
        case 6 -> {
          int cert = data.consumeInt(0, b.getCertificatesCount() - 1);
          b.setCertificates(cert, edited(b.getCertificates(cert), data));
        }
        default ->
            records.set(at, r.toBuilder().setLeafHash(edited(r.getLeafHash(), data)).build());
      }
      if (records.isEmpty()) {
        break;
      }
    }
    return b.clearRecords().addAllRecords(records).build();
  }

  private static ByteString edited(ByteString original, FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return ByteString.copyFrom(data.consumeBytes(original.size() + 8));
    }
    byte[] bytes = original.toByteArray();
    int edits = data.consumeInt(1, 4);
    for (int i = 0; i < edits && bytes.length > 0; i++) {
      bytes[data.consumeInt(0, bytes.length - 1)] ^= data.consumeByte();
    }
    return ByteString.copyFrom(bytes);
  }
}
