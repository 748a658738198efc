package org.liaison.node.partners;

/** A partner this node may ask, and the agreement in force it would ask under. */
public record PartnerAgreement(String agency, String agreementId) {}
