package org.liaison.node.deconfliction.alerts;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.v1.PointOfContact;

/**
 * The case agent of one of this agency's cases; the asking officer when the case is not here. One
 * read of three columns, by JDBC and without a transaction of its own: it is on both sides of every
 * target check (decision 0048).
 */
@ApplicationScoped
public class CaseContacts implements RequesterContact {
  private static final String AGENT =
      "select agent_name, agent_phone, agent_email from cases where case_number = ?"
          + " fetch first 1 rows only";

  @Inject AgroalDataSource db;
  @Inject NodeConfig config;

  @Override
  public PointOfContact forCase(String caseReference, String officerId) {
    PointOfContact.Builder contact = PointOfContact.newBuilder().setAgency(config.agency());
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(AGENT)) {
      ps.setString(1, caseReference);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return contact.setName(officerId).build();
        }
        return contact
            .setName(nz(rs.getString(1)))
            .setPhone(nz(rs.getString(2)))
            .setEmail(nz(rs.getString(3)))
            .build();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the case agent of " + caseReference + " could not be read: " + e.getMessage(), e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
