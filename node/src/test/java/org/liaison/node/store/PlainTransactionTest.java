package org.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.liaison.node.audit.AuditUnavailable;

/** The audit batch's transaction: on a pool connection, on its own, all or nothing. */
@QuarkusTest
class PlainTransactionTest {
  private static final String COUNT = "select count(*) from dc_journal where partner_agency = ?";

  @Inject PlainTransaction transaction;
  @Inject AgroalDataSource dataSource;
  @Inject TransactionManager jta;

  @Test
  void work_isCommitted_andWhatItReturnsComesBack() throws Exception {
    String partner = "us.plain-" + System.nanoTime();
    long counted =
        transaction.call(
            c -> {
              insertLine(c, partner);
              insertLine(c, partner);
              return count(c, partner);
            });
    assertThat(counted).isEqualTo(2);
    assertThat(committed(partner)).isEqualTo(2);
  }

  @Test
  void aStatementThatFails_rollsBackTheStatementsBeforeIt_andReadsAsTheDatabases()
      throws Exception {
    String partner = "us.plain-" + System.nanoTime();
    assertThatThrownBy(
            () ->
                transaction.run(
                    c -> {
                      insertLine(c, partner);
                      try (PreparedStatement bad =
                          c.prepareStatement("insert into no_such_table values (1)")) {
                        bad.executeUpdate();
                      }
                    }))
        .satisfies(e -> assertThat(AuditUnavailable.isDatabaseFailure(e)).isTrue())
        .satisfies(
            e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("no_such_table"));
    assertThat(committed(partner)).isZero();

    // the connection went back to the pool in autocommit, with nothing left open on it
    transaction.run(c -> insertLine(c, partner));
    assertThat(committed(partner)).isEqualTo(1);
  }

  @Test
  void workThatThrowsAnythingElse_isRolledBackToo() throws Exception {
    String partner = "us.plain-" + System.nanoTime();
    assertThatThrownBy(
            () ->
                transaction.run(
                    c -> {
                      insertLine(c, partner);
                      throw new IllegalArgumentException("the entry cannot be built");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(committed(partner)).isZero();
  }

  @Test
  void insideACallersTransaction_commitsOnItsOwn_andLeavesTheCallersOpen() throws Exception {
    String partner = "us.plain-" + System.nanoTime();
    QuarkusTransaction.begin();
    try {
      transaction.run(c -> insertLine(c, partner));
      assertThat(jta.getStatus()).isEqualTo(Status.STATUS_ACTIVE);
    } finally {
      QuarkusTransaction.rollback();
    }
    assertThat(committed(partner)).isEqualTo(1);
  }

  private static void insertLine(Connection c, String partner) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into dc_journal (recorded_at, event_type, partner_agency, elements)"
                + " values (current_timestamp, 'FAILED', ?, 0)")) {
      ps.setString(1, partner);
      ps.executeUpdate();
    }
  }

  private static long count(Connection c, String partner) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(COUNT)) {
      ps.setString(1, partner);
      try (ResultSet r = ps.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private long committed(String partner) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return count(c, partner);
    }
  }
}
