package org.liaison.node.deconfliction.filters;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import db.migration.HeldFilterInputKeysMigration;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.wire.v1.IdentifierType;

/**
 * Migration 172 with rows, on the node's own database (H2, and PostgreSQL 17 in {@code
 * -Ppostgresql}): in a schema of its own, the held filters' tables as V170 left them, with rows,
 * then the migration: each row keeps its filter, reference and PRF value, and its input's key is
 * the one the node computes ({@link HeldFilterRows#keyOf}).
 */
@QuarkusTest
class HeldFilterInputKeysMigrationTest {
  private static final String SCHEMA = "held_filter_keys_v172";

  @Inject AgroalDataSource db;

  @Test
  void rowsAreCarriedOver_keyedAsTheNodeKeysThem() throws Exception {
    boolean h2;
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
      s.execute(h2 ? "SET SCHEMA " + SCHEMA : "SET search_path TO " + SCHEMA);
      try {
        for (String m : HeldFilterDatabase.MIGRATIONS.subList(0, 4)) {
          for (String statement : statements(m)) {
            s.execute(statement);
          }
        }
        Map<ByteString, String> old = new HashMap<>();
        for (int i = 0; i < 50; i++) {
          old.put(
              MatchInputs.identifier(IdentifierType.PHONE, "+1305555" + (1000 + i)),
              "DEA-" + i % 7);
        }
        try (PreparedStatement filter =
            c.prepareStatement(
                "INSERT INTO held_filters (partner_agency, agreement_id, match_kind, epoch,"
                    + " public_key) VALUES ('us.fbi', 'MOU-TEST', 'TARGET', 1, ?)")) {
          filter.setBytes(1, new byte[] {1});
          filter.executeUpdate();
        }
        try (PreparedStatement ref =
                c.prepareStatement("INSERT INTO held_filter_refs (ref) VALUES (?)");
            PreparedStatement row =
                c.prepareStatement(
                    "INSERT INTO held_filter_rows (filter_id, input, ref_id, prf_head, prf_tail)"
                        + " SELECT f.id, ?, r.id, ?, ? FROM held_filters f, held_filter_refs r"
                        + " WHERE r.ref = ?")) {
          for (int i = 0; i < 7; i++) {
            ref.setString(1, "DEA-" + i);
            ref.executeUpdate();
          }
          for (Map.Entry<ByteString, String> e : old.entrySet()) {
            byte[] prf = prfOf(e.getKey());
            row.setBytes(1, e.getKey().toByteArray());
            row.setBytes(2, java.util.Arrays.copyOfRange(prf, 0, HeldFilterRows.HEAD));
            row.setBytes(3, java.util.Arrays.copyOfRange(prf, HeldFilterRows.HEAD, prf.length));
            row.setString(4, e.getValue());
            row.executeUpdate();
          }
        }

        HeldFilterInputKeysMigration.carryOver(c);

        Map<ByteString, String> keyed = new HashMap<>();
        old.forEach((input, ref) -> keyed.put(HeldFilterRows.keyOf(input), ref));
        Map<ByteString, String> carried = new HashMap<>();
        Map<ByteString, ByteString> prfs = new HashMap<>();
        try (ResultSet r =
            s.executeQuery(
                "SELECT h.input_key, r.ref, h.prf_head, h.prf_tail FROM held_filter_rows h"
                    + " JOIN held_filter_refs r ON r.id = h.ref_id")) {
          while (r.next()) {
            ByteString key = ByteString.copyFrom(r.getBytes(1));
            carried.put(key, r.getString(2));
            prfs.put(
                key, ByteString.copyFrom(r.getBytes(3)).concat(ByteString.copyFrom(r.getBytes(4))));
          }
        }
        assertThat(carried).isEqualTo(keyed);
        old.keySet()
            .forEach(
                input ->
                    assertThat(prfs.get(HeldFilterRows.keyOf(input)))
                        .isEqualTo(ByteString.copyFrom(prfOf(input))));
      } finally {
        s.execute(h2 ? "SET SCHEMA PUBLIC" : "SET search_path TO public");
        s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
      }
    }
  }

  /** A stand-in PRF value (the migration copies it as it is): 32 bytes made from the input. */
  private static byte[] prfOf(ByteString input) {
    byte[] prf = new byte[32];
    byte[] in = input.toByteArray();
    for (int i = 0; i < in.length; i++) {
      prf[i % prf.length] ^= in[i];
    }
    prf[31] ^= (byte) in.length;
    return prf;
  }

  /** The statements of a migration file, its comment lines left out. */
  private static List<String> statements(String migration) throws IOException, SQLException {
    try (InputStream in =
        HeldFilterInputKeysMigrationTest.class.getResourceAsStream("/db/migration/" + migration)) {
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.trim().startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      return java.util.Arrays.stream(sql.toString().split(";"))
          .map(String::trim)
          .filter(x -> !x.isEmpty())
          .toList();
    }
  }
}
