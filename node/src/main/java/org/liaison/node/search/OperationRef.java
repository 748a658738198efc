package org.liaison.node.search;

import java.time.Instant;

/**
 * A planned or running operation near a place and time, for an officer-safety alert.
 *
 * @param distanceMetres distance between the two centres
 */
public record OperationRef(
    String operationId,
    String caseNumber,
    Contact contact,
    String kind,
    double latitude,
    double longitude,
    int radiusMetres,
    String address,
    Instant start,
    Instant end,
    long distanceMetres) {}
