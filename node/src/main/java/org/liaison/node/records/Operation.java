package org.liaison.node.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/** A planned enforcement event: where (point and radius), when (window) and of what kind. */
@Entity
@Table(name = "operations")
public class Operation extends CaseItem {
  /** e.g. SEARCH_WARRANT, SURVEILLANCE, ARREST, CONTROLLED_DELIVERY, UNDERCOVER_MEETING */
  @Column(name = "kind", nullable = false)
  private String kind;

  @Column(name = "latitude", nullable = false)
  private double latitude;

  @Column(name = "longitude", nullable = false)
  private double longitude;

  @Column(name = "radius_metres", nullable = false)
  private int radiusMetres;

  @Column(name = "address")
  private String address;

  @Column(name = "window_start", nullable = false)
  private Instant windowStart;

  @Column(name = "window_end", nullable = false)
  private Instant windowEnd;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private OperationStatus status;

  protected Operation() {}

  Operation(String externalId) {
    super(externalId, null);
  }

  void update(CaseFile caseFile, OperationLines.Draft d) {
    fileUnder(caseFile);
    this.kind = d.type();
    this.latitude = d.latitude();
    this.longitude = d.longitude();
    this.radiusMetres = d.radiusMetres();
    this.address = d.address();
    this.windowStart = d.start();
    this.windowEnd = d.end();
    this.status = d.status();
  }

  public String getKind() {
    return kind;
  }

  public double getLatitude() {
    return latitude;
  }

  public double getLongitude() {
    return longitude;
  }

  public int getRadiusMetres() {
    return radiusMetres;
  }

  public String getAddress() {
    return address;
  }

  public Instant getWindowStart() {
    return windowStart;
  }

  public Instant getWindowEnd() {
    return windowEnd;
  }

  public OperationStatus getStatus() {
    return status;
  }
}
