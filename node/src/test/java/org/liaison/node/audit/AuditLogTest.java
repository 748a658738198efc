package org.liaison.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.DeconflictionJournal;
import org.liaison.node.deconfliction.DeconflictionJournal.Event;
import org.liaison.node.deconfliction.DeconflictionJournal.Line;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.quota.DailyCounts;
import org.liaison.wire.audit.AuditBundleVerifier;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.AuditProof;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.AuditVerifyReport;
import org.liaison.wire.v1.MatchKind;

@QuarkusTest
@TestProfile(AuditFederation.class)
class AuditLogTest {
  @Inject AuditLog audit;
  @Inject AuditReader reader;
  @Inject @GrpcService AuditService service;
  @Inject AuditSigning signing;
  @Inject AuditTables tables;
  @Inject AuditSalt salt;
  @Inject org.liaison.node.runtime.NodeSecrets secrets;
  @Inject jakarta.persistence.EntityManager em;
  @Inject org.liaison.node.disclosure.DisclosureLedger ledger;
  @Inject DeconflictionJournal journal;
  @Inject DailyCounts counts;

  @BeforeEach
  void empty() {
    tables.clear();
  }

  private List<AuditReceipt> append(int n) {
    List<AuditReceipt> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          audit.append(
              AuditEvent.builder(i % 3 == 0 ? AuditKind.DISCLOSURE : AuditKind.QUERY)
                  .direction(AuditEvent.Direction.IN)
                  .requestingAgency("us.cbp")
                  .officer("officer-" + i)
                  .agreement("cbp-ice-2005")
                  .purpose("HUMAN_TRAFFICKING")
                  .caseReference("CBP-" + i)
                  .messageId("m" + i)
                  .outcome(i % 2 == 0 ? "MATCH" : "NO_MATCH")
                  .datum(
                      i % 2 == 0
                          ? AuditEvent.Datum.matched("PHONE", "+13055550142", List.of("R-" + i))
                          : AuditEvent.Datum.probe("PHONE"))
                  .build()));
    }
    return out;
  }

  @Test
  void append_writesDenseIndexesAndSignsACheckpointAfterEachEntry() {
    List<AuditReceipt> receipts = append(12);
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < receipts.size(); i++) {
      AuditReceipt r = receipts.get(i);
      assertThat(r.index()).isEqualTo(i);
      leaves.add(r.leafHash());
      AuditCheckpoint c =
          AuditCheckpoints.verify(r.checkpoint(), signing.certificate()).orElseThrow();
      assertThat(c.getTreeSize()).isEqualTo(i + 1);
      assertThat(c.getAgency()).isEqualTo("us.ice");
      assertThat(c.getRootHash().toByteArray()).isEqualTo(MerkleTree.root(leaves));
    }
    assertThat(audit.latestCheckpoint()).contains(receipts.get(11).checkpoint());
    // the tree state survives a restart of the log (read back from the last row)
    audit.reload();
    AuditReceipt next = append(1).get(0);
    assertThat(next.index()).isEqualTo(12);
  }

  @Test
  void entries_keepMatchedIdentifiersOnlySaltedAndNoHitProbesOnlyByType() {
    append(2);
    AuditEntry hit = reader.record(0).getDecoded();
    AuditEntry miss = reader.record(1).getDecoded();
    assertThat(hit.getData(0).getSaltedHash().size()).isEqualTo(32);
    assertThat(hit.getData(0).getRecordIdsList()).containsExactly("R-0");
    assertThat(miss.getData(0).getIdentifierType()).isEqualTo("PHONE");
    assertThat(miss.getData(0).getSaltedHash().isEmpty()).isTrue();
    for (long i = 0; i < 2; i++) {
      String raw =
          new String(reader.record(i).getEntry().toByteArray(), StandardCharsets.ISO_8859_1);
      assertThat(raw).doesNotContain("3055550142");
    }
    assertThat(hit.getPurpose()).isEqualTo("HUMAN_TRAFFICKING");
    assertThat(hit.getRequestingAgency()).isEqualTo("us.cbp");
    assertThat(hit.getNode()).isEqualTo("node-1");
  }

  @Test
  void verify_passesOnAnIntactLog() {
    append(20);
    AuditVerifyReport r = service.verify();
    assertThat(r.getProblemsList()).isEmpty();
    assertThat(r.getOk()).isTrue();
    assertThat(r.getTreeSize()).isEqualTo(20);
    assertThat(r.getFirstBadIndex()).isEqualTo(-1);
  }

  @Test
  void verify_namesAnEntryModifiedInTheDatabase_evenWithItsLeafHashRecomputed() throws Exception {
    append(10);
    AuditEntry altered = reader.record(6).getDecoded().toBuilder().setOutcome("NO_MATCH").build();
    tables.sql(
        "update audit_log set entry = ?1, leaf_hash = ?2 where idx = 6",
        altered.toByteArray(),
        MerkleTree.leafHash(altered.toByteArray()));
    AuditVerifyReport r = service.verify();
    assertThat(r.getOk()).isFalse();
    assertThat(r.getFirstBadIndex()).isEqualTo(6);
    assertThat(r.getProblems(0)).contains("entry 6");
  }

  @Test
  void verify_namesAnEntryDeletedFromTheDatabase() {
    append(10);
    tables.sql("delete from audit_log where idx = 3");
    AuditVerifyReport r = service.verify();
    assertThat(r.getOk()).isFalse();
    assertThat(r.getFirstBadIndex()).isEqualTo(3);
    assertThat(String.join("\n", r.getProblemsList())).contains("removed");
  }

  @Test
  void verify_namesEntriesReorderedInTheDatabase() {
    append(10);
    tables.sql("update audit_log set idx = 100 where idx = 4");
    tables.sql("update audit_log set idx = 4 where idx = 5");
    tables.sql("update audit_log set idx = 5 where idx = 100");
    AuditVerifyReport r = service.verify();
    assertThat(r.getOk()).isFalse();
    assertThat(r.getFirstBadIndex()).isEqualTo(4);
  }

  @Test
  void verify_cannotSeeACutTailAlone_thatIsWhatPartnersCheckpointsAreFor() {
    append(10);
    tables.sql("delete from audit_log where idx = 9");
    // a cut tail is undetectable from the log alone: the checkpoint partners hold catches it
    assertThat(service.verify().getOk()).isTrue();
    assertThat(
            AuditCheckpoints.parse(audit.latestCheckpoint().orElseThrow())
                .orElseThrow()
                .getTreeSize())
        .isEqualTo(9);
  }

  @Test
  void exportedBundle_verifiesOfflineFromTheFileAlone_andAnyEditIsNamed(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    append(15);
    Path file = dir.resolve("bundle.json");
    AuditBundles.write(file, reader.export(0));
    AuditBundle read = AuditBundles.read(file);
    AuditBundleVerifier.Report ok = AuditBundleVerifier.verify(read);
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.treeSize()).isEqualTo(15);
    assertThat(ok.caFingerprint()).isNotEmpty();

    // edit one field of the readable copy in the JSON text
    String json = Files.readString(file);
    String edited =
        json.replaceFirst("\"officer_id\": \"officer-7\"", "\"officer_id\": \"officer-X\"");
    assertThat(edited).isNotEqualTo(json);
    assertThat(AuditBundleVerifier.verify(AuditBundles.fromJson(edited)).firstBadIndex())
        .isEqualTo(7);

    // replace the entry bytes and leaf of one record
    AuditRecord r = read.getRecords(11);
    AuditEntry changed = r.getDecoded().toBuilder().setCaseReference("OTHER").build();
    AuditBundle tampered =
        read.toBuilder()
            .setRecords(
                11,
                r.toBuilder()
                    .setEntry(changed.toByteString())
                    .setDecoded(changed)
                    .setLeafHash(ByteString.copyFrom(MerkleTree.leafHash(changed.toByteArray()))))
            .build();
    assertThat(AuditBundleVerifier.verify(tampered).firstBadIndex()).isEqualTo(11);
  }

  @Test
  void prove_givesAnInclusionPathThatVerifiesAgainstTheSignedCheckpoint() {
    append(13);
    for (long i : new long[] {0, 5, 12}) {
      AuditProof p = service.prove(i, 0);
      assertThat(p.getVerified()).isTrue();
      AuditCheckpoint c =
          AuditCheckpoints.verify(p.getCheckpoint(), signing.certificate()).orElseThrow();
      List<byte[]> path = p.getInclusionPathList().stream().map(ByteString::toByteArray).toList();
      byte[] leaf = MerkleTree.leafHash(p.getRecord().getEntry().toByteArray());
      assertThat(
              MerkleTree.verifyInclusion(
                  leaf, i, c.getTreeSize(), path, c.getRootHash().toByteArray()))
          .isTrue();
      assertThat(
              MerkleTree.verifyInclusion(
                  leaf, (i + 1) % 13, c.getTreeSize(), path, c.getRootHash().toByteArray()))
          .isFalse();
    }
    AuditProof older = service.prove(3, 7);
    assertThat(AuditCheckpoints.parse(older.getCheckpoint()).orElseThrow().getTreeSize())
        .isEqualTo(7);
    assertThat(older.getVerified()).isTrue();
    assertThatThrownBy(() -> service.prove(13, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entry 13 is not in a tree of 13 entries; the log holds 13");
  }

  @Test
  void consistencyProofs_betweenAnyTwoCheckpointsOfTheLogVerify() {
    append(11);
    for (long m = 1; m <= 11; m++) {
      for (long n = m; n <= 11; n++) {
        byte[] rm =
            AuditCheckpoints.parse(reader.checkpointAt(m))
                .orElseThrow()
                .getRootHash()
                .toByteArray();
        byte[] rn =
            AuditCheckpoints.parse(reader.checkpointAt(n))
                .orElseThrow()
                .getRootHash()
                .toByteArray();
        List<byte[]> proof = m == n ? List.of() : reader.consistencyProof(m, n);
        assertThat(MerkleTree.verifyConsistency(m, n, proof, rm, rn)).as("%d -> %d", m, n).isTrue();
      }
    }
  }

  @Test
  void fiveHundredAppends_stayDenseAndVerify_andTheirCostIsPrinted() {
    append(50); // warm-up
    long t0 = System.nanoTime();
    List<AuditReceipt> receipts = append(500);
    double us = (System.nanoTime() - t0) / 1e3 / 500;
    System.out.printf("AuditLog.append through Hibernate/H2 with a commit each: %.0f us/op%n", us);
    assertThat(receipts.get(499).index()).isEqualTo(549);
    assertThat(service.verify().getOk()).isTrue();
  }

  private static AuditEvent event(String messageId) {
    return AuditEvent.builder(AuditKind.QUERY)
        .direction(AuditEvent.Direction.OUT)
        .answeringAgency("us.dea")
        .officer("officer-g")
        .messageId(messageId)
        .outcome("SENT")
        .build();
  }

  /**
   * Appends from {@code threads} threads at once, {@code each} per thread; returns the receipts.
   */
  private List<AuditReceipt> concurrently(int threads, int each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<List<AuditReceipt>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<AuditReceipt> mine = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    mine.add(audit.append(event("g" + thread + "-" + i)));
                  }
                  return mine;
                }));
      }
      List<AuditReceipt> all = new ArrayList<>();
      for (Future<List<AuditReceipt>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentAppends_shareCommitsAndCheckpoints_andEachIsCoveredByItsOwn() throws Exception {
    List<AuditReceipt> receipts = concurrently(8, 40);

    assertThat(receipts).extracting(AuditReceipt::index).doesNotHaveDuplicates().hasSize(320);
    assertThat(reader.size()).isEqualTo(320);
    for (AuditReceipt r : receipts) {
      // the checkpoint a caller gets (and its envelope carries) covers its own entry, and the
      // stored entry holds that very checkpoint
      AuditCheckpoint c =
          AuditCheckpoints.verify(r.checkpoint(), signing.certificate()).orElseThrow();
      assertThat(c.getTreeSize()).isGreaterThan(r.index());
      assertThat(reader.record(r.index()).getCheckpoint()).isEqualTo(r.checkpoint());
      AuditProof p = service.prove(r.index(), r.index() + 1);
      assertThat(p.getVerified()).as("inclusion of %d", r.index()).isTrue();
    }
    long checkpoints = receipts.stream().map(AuditReceipt::checkpoint).distinct().count();
    System.out.printf(
        "320 concurrent appends from 8 threads: %d signed checkpoints%n", checkpoints);
    assertThat(checkpoints).isLessThan(320); // entries shared batches
    AuditVerifyReport report = service.verify();
    assertThat(report.getProblemsList()).isEmpty();
    assertThat(report.getTreeSize()).isEqualTo(320);
    // an export cut inside a batch is extended to the batch's end, so it still verifies
    AuditBundle cut = reader.export(receipts.get(0).index() + 1);
    assertThat(AuditBundleVerifier.verify(cut).problems()).isEmpty();
  }

  @Test
  void aBatchEntryModifiedInTheDatabase_isNamedByItsBatch() throws Exception {
    concurrently(8, 10);
    AuditRecord shared =
        java.util.stream.LongStream.range(0, reader.size())
            .mapToObj(reader::record)
            .filter(
                r ->
                    AuditCheckpoints.parse(r.getCheckpoint()).orElseThrow().getTreeSize()
                        > r.getIndex() + 1)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no batch of more than one entry was written"));
    long end = AuditCheckpoints.parse(shared.getCheckpoint()).orElseThrow().getTreeSize() - 1;
    AuditEntry changed = shared.getDecoded().toBuilder().setOfficerId("someone-else").build();
    byte[] bytes = changed.toByteArray();
    tables.sql(
        "update audit_log set entry = ?1, leaf_hash = ?2 where idx = ?3",
        bytes,
        MerkleTree.leafHash(bytes),
        shared.getIndex());

    AuditVerifyReport r = service.verify();
    assertThat(r.getOk()).isFalse();
    assertThat(r.getFirstBadIndex()).isBetween(0L, shared.getIndex());
    assertThat(String.join(" ", r.getProblemsList())).contains(String.valueOf(end));
  }

  @Test
  void concurrentAppends_whenTheLogCannotBeWritten_allFail_andNothingIsWritten() throws Exception {
    tables.sql("alter table audit_log rename to audit_log_offline");
    java.util.concurrent.atomic.AtomicInteger receipts =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failures =
        new java.util.concurrent.atomic.AtomicInteger();
    try {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CyclicBarrier start = new CyclicBarrier(8);
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        all.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 5; i++) {
                    try {
                      audit.append(event("offline-" + thread + "-" + i));
                      receipts.incrementAndGet();
                    } catch (RuntimeException e) {
                      failures.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : all) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
    } finally {
      tables.sql("alter table audit_log_offline rename to audit_log");
    }
    // no caller got a receipt: each one waited for its own batch and saw it fail
    assertThat(receipts.get()).isZero();
    assertThat(failures.get()).isEqualTo(40);
    assertThat(reader.size()).isZero();
    // the log works again once the table is back
    assertThat(concurrently(4, 5)).hasSize(20);
    assertThat(service.verify().getOk()).isTrue();
  }

  /**
   * The salt row holds the salt only sealed under the node's key, and a plain row of an earlier
   * version (V20) is sealed and erased on first use, keeping the same salt: an identifier hashed
   * before hashes the same after.
   */
  @Test
  void auditSalt_isStoredSealed_andAPlainRowOfAnEarlierVersionIsSealedKeepingTheSalt()
      throws Exception {
    byte[] hashed = salt.hash("PHONE", "+13055550142");
    Object[] row = saltRow();
    assertThat(row[0]).as("no plain salt").isNull();
    byte[] sealed = (byte[]) row[1];
    byte[] opened = secrets.open(AuditSalt.SECRET, sealed).orElseThrow();
    assertThat(hmac(opened, "PHONE:+13055550142")).isEqualTo(hashed);

    byte[] earlier = new byte[32];
    java.util.Arrays.fill(earlier, (byte) 9);
    try {
      tables.sql("update audit_secret set salt = ?1, sealed_salt = null where id = 1", earlier);
      salt.forget();
      assertThat(salt.hash("PHONE", "+13055550142")).isEqualTo(hmac(earlier, "PHONE:+13055550142"));
      Object[] migrated = saltRow();
      assertThat(migrated[0]).as("the plain salt is erased").isNull();
      assertThat(secrets.open(AuditSalt.SECRET, (byte[]) migrated[1])).hasValue(earlier);
    } finally {
      tables.sql("update audit_secret set salt = null, sealed_salt = ?1 where id = 1", sealed);
      salt.forget();
    }
    assertThat(salt.hash("PHONE", "+13055550142")).isEqualTo(hashed);
  }

  private Object[] saltRow() {
    return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .call(
            () ->
                (Object[])
                    em.createNativeQuery("select salt, sealed_salt from audit_secret where id = 1")
                        .getSingleResult());
  }

  private static byte[] hmac(byte[] key, String text) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void deconflictionJournalLines_commitWithTheirAuditEntries_orNotAtAll() {
    String partner = "us.journal-" + System.nanoTime();
    String lines = "select count(*) from dc_journal where partner_agency = ?1";
    // a probe round: its lines (filter hits are journal-only) and their entries, one batch
    journal.recordAll(
        List.of(
            new Line(Event.PROBES_SENT, MatchKind.TARGET, partner, "ICE-1", 3, "quota 3/10"),
            new Line(Event.FILTER_HITS, MatchKind.TARGET, partner, "ICE-1", 1, null),
            new Line(Event.CLAIM_SENT, MatchKind.TARGET, partner, "ICE-1", 1, null)),
        List.of());
    assertThat(tables.count(lines, partner)).isEqualTo(3);
    assertThat(reader.size()).isEqualTo(2);

    // the log cannot be written: the line is not written either, and the caller learns it
    tables.sql("alter table audit_log rename to audit_log_offline");
    try {
      assertThatThrownBy(
              () ->
                  journal.record(
                      new Line(Event.CONFLICT, MatchKind.TARGET, partner, "ICE-1", 0, "x")))
          .satisfies(e -> assertDatabaseRefused(e, "audit_log"));
    } finally {
      tables.sql("alter table audit_log_offline rename to audit_log");
    }
    assertThat(tables.count(lines, partner)).isEqualTo(3);

    // answering a partner, the line waits for the answer's batch and commits in it
    InboundRequest answering =
        new InboundRequest(
            new ExchangeScope(partner, "a-1", "TARGET_DECONFLICTION", ""),
            "node-1",
            "",
            "m-j",
            "t",
            new byte[0]);
    journal.recordBeforeAnswer(
        answering,
        new Line(Event.PROBES_ANSWERED, MatchKind.TARGET, partner, null, 5, "quota 5/10"));
    assertThat(tables.count(lines, partner)).isEqualTo(3);
    assertThat(reader.size()).isEqualTo(2);
    audit.appendAll(answering.entriesBeforeAnswer(), answering.writesBeforeAnswer());
    assertThat(tables.count(lines, partner)).isEqualTo(4);
    assertThat(reader.size()).isEqualTo(3);
    assertThat(service.verify().getOk()).isTrue();
  }

  @Test
  void writesGivenWithEntries_commitInTheirTransaction_andAFailingWriteFailsTheEntriesToo() {
    String partner = "us.writes-" + System.nanoTime();
    String ledgerRows = "select count(*) from partner_disclosures where partner_agency = ?1";
    audit.appendAll(
        List.of(event("w1")), List.of(ledger.disclosure(partner, List.of("R-1"), "w1")));
    assertThat(tables.count(ledgerRows, partner)).isEqualTo(1);
    assertThat(reader.size()).isEqualTo(1);

    // the ledger row would be written, but a later write of the batch fails: nothing of it stays,
    // and the caller learns it, so it discloses nothing
    AuditedWrite broken =
        c -> {
          try (var insert = c.prepareStatement("insert into no_such_table values (1)")) {
            insert.executeUpdate();
          }
        };
    assertThatThrownBy(
            () ->
                audit.appendAll(
                    List.of(event("w2")),
                    List.of(ledger.disclosure(partner, List.of("R-2"), "w2"), broken)))
        .satisfies(e -> assertDatabaseRefused(e, "no_such_table"));
    assertThat(tables.count(ledgerRows, partner)).isEqualTo(1);
    assertThat(reader.size()).isEqualTo(1);

    // and when the log cannot be written, the writes given with its entries are not made either
    tables.sql("alter table audit_log rename to audit_log_offline");
    try {
      assertThatThrownBy(
              () ->
                  audit.appendAll(
                      List.of(event("w3")),
                      List.of(ledger.disclosure(partner, List.of("R-3"), "w3"))))
          .satisfies(e -> assertDatabaseRefused(e, "audit_log"));
    } finally {
      tables.sql("alter table audit_log_offline rename to audit_log");
    }
    assertThat(tables.count(ledgerRows, partner)).isEqualTo(1);

    audit.appendAll(
        List.of(event("w4")), List.of(ledger.disclosure(partner, List.of("R-4"), "w4")));
    assertThat(tables.count(ledgerRows, partner)).isEqualTo(2);
    assertThat(reader.size()).isEqualTo(2);
    assertThat(service.verify().getOk()).isTrue();
  }

  @Test
  void aDailyCountGivenWithEntries_isStoredInTheirTransaction_andNeverLowered() throws Exception {
    String partner = "us.counts-" + System.nanoTime();
    String used = "select used from daily_counts where partner_agency = ?1 and kind = 'QUERY'";
    String limit = "select day_limit from daily_counts where partner_agency = ?1";
    DailyCounts.Count three = counts.take(DailyCounts.Kind.QUERY, partner, "a-1", 3, 10);
    audit.appendAll(List.of(event("c1")), List.of(counts.write(three)));
    assertThat(tables.count(used, partner)).as("the first count inserts its row").isEqualTo(3);

    // counts taken in one order may commit in another: the stored count keeps the larger
    DailyCounts.Count five = counts.take(DailyCounts.Kind.QUERY, partner, "a-1", 2, 10);
    audit.appendAll(List.of(event("c2")), List.of(counts.write(five)));
    audit.appendAll(List.of(event("c3")), List.of(counts.write(three)));
    assertThat(tables.count(used, partner)).isEqualTo(5);
    assertThat(tables.count(limit, partner)).isEqualTo(10);
    assertThat(tables.count("select count(*) from daily_counts where partner_agency = ?1", partner))
        .isEqualTo(1);
  }

  /**
   * A log larger than gRPC's default 4 MiB message is exported, over a real gRPC channel on
   * loopback with the default limit, in parts that join into a bundle that verifies.
   */
  @Test
  void export_ofALogLargerThanOneMessage_streamsPartsThatJoinIntoTheVerifiedLog() throws Exception {
    int entries = 10_000;
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      events.add(
          AuditEvent.builder(AuditKind.QUERY)
              .direction(AuditEvent.Direction.IN)
              .requestingAgency("us.cbp")
              .officer("officer-" + i)
              .agreement("cbp-ice-2005")
              .purpose("HUMAN_TRAFFICKING")
              .caseReference("CBP-" + i)
              .messageId("m" + i)
              .outcome("NO_MATCH")
              .datum(AuditEvent.Datum.probe("PHONE"))
              .build());
      if (events.size() == 500) {
        audit.appendAll(events);
        events.clear();
      }
    }
    io.grpc.Server server =
        io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forAddress(
                new java.net.InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .build()
            .start();
    io.grpc.ManagedChannel channel =
        io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress(
                "127.0.0.1", server.getPort())
            .usePlaintext()
            .build();
    try {
      List<AuditBundle> parts = new ArrayList<>();
      org.liaison.wire.v1.AuditGrpc.newBlockingStub(channel)
          .withDeadlineAfter(60, TimeUnit.SECONDS)
          .export(org.liaison.wire.v1.AuditExportRequest.getDefaultInstance())
          .forEachRemaining(parts::add);

      assertThat(parts.stream().mapToInt(AuditBundle::getSerializedSize).sum())
          .as("the log is larger than one default message")
          .isGreaterThan(4 * 1024 * 1024);
      assertThat(parts).hasSizeGreaterThan(1);
      assertThat(parts).allSatisfy(p -> assertThat(p.getSerializedSize()).isLessThan(4 << 20));
      AuditBundle joined = AuditBundles.join(parts.iterator());
      assertThat(joined.getRecordsCount()).isEqualTo(entries);
      assertThat(joined.getCertificatesCount()).isPositive();
      AuditBundleVerifier.Report report = AuditBundleVerifier.verify(joined);
      assertThat(report.problems()).isEmpty();
      assertThat(report.treeSize()).isEqualTo(entries);
    } finally {
      channel.shutdownNow();
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Refused by the database itself (H2 or PostgreSQL), naming the table it could not write. */
  private static void assertDatabaseRefused(Throwable e, String table) {
    assertThat(AuditUnavailable.isDatabaseFailure(e)).as("a database failure: %s", e).isTrue();
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    assertThat(trace.toString().toLowerCase(java.util.Locale.ROOT)).contains(table);
  }
}
