package org.liaison.node.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.records.CaseFile;
import org.liaison.node.records.CaseRecord;
import org.liaison.policy.RecordFacts;
import org.liaison.wire.v1.PointOfContact;

/** Reads one of this node's records by its id, with the facts a policy decision needs. */
@ApplicationScoped
public class RecordLookup {
  private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

  @Inject EntityManager em;
  @Inject ObjectMapper json;
  @Inject NodeConfig config;

  /** A record as held here. */
  public record HeldRecord(
      String recordId,
      String caseNumber,
      PointOfContact contact,
      String category,
      String originator,
      List<String> caveats,
      RecordFacts facts) {
    public boolean fromThirdParty() {
      return facts.fromThirdParty();
    }
  }

  @Transactional
  public Optional<HeldRecord> find(String recordId, boolean originatorConsented) {
    return em.createQuery("from CaseRecord where externalId = :id", CaseRecord.class)
        .setParameter("id", recordId)
        .getResultStream()
        .findFirst()
        .map(r -> held(r, originatorConsented));
  }

  /** Ids of records held here that came from {@code originator}. */
  @Transactional
  public List<String> fromOriginator(String originator) {
    return em.createQuery(
            "select r.externalId from CaseRecord r where r.originatorAgency = :o order by r.externalId",
            String.class)
        .setParameter("o", originator)
        .getResultList();
  }

  private HeldRecord held(CaseRecord r, boolean consented) {
    String me = config.agency();
    CaseFile c = r.getCaseFile();
    String originator =
        r.getOriginatorAgency() == null || r.getOriginatorAgency().isBlank()
            ? me
            : r.getOriginatorAgency();
    Map<String, String> fields = new TreeMap<>(fields(r));
    if (!r.getSubjects().isEmpty()) {
      fields.putIfAbsent("name", r.getSubjects().get(0).getDisplayName());
    }
    fields.putIfAbsent("crime_categories", String.join(",", c.getCrimeCategories()));
    fields.putIfAbsent("case_status", c.getStatus().name());
    if (r.getBody() != null && !r.getBody().isBlank()) {
      fields.putIfAbsent("body", r.getBody());
    }
    RecordFacts facts =
        new RecordFacts(
            me,
            originator,
            r.getCategory().name(),
            c.getCrimeCategories(),
            fields,
            r.caveats(),
            consented);
    PointOfContact contact =
        PointOfContact.newBuilder()
            .setAgency(c.getAgency())
            .setName(nz(c.getAgentName()))
            .setPhone(nz(c.getAgentPhone()))
            .setEmail(nz(c.getAgentEmail()))
            .build();
    return new HeldRecord(
        r.getExternalId(),
        c.getCaseNumber(),
        contact,
        r.getCategory().name(),
        originator,
        r.caveats(),
        facts);
  }

  private Map<String, String> fields(CaseRecord r) {
    try {
      return json.readValue(r.getFieldsJson(), FIELDS);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(
          "fields of record " + r.getExternalId() + " are unreadable", e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
