package org.liaison.agreements;

/**
 * A party to an agreement: its agency id, display name and the lower-case hex SHA-256 of the DER
 * encoding of its root CA certificate. Only signatures by certificates under that CA count.
 */
public record Party(String agency, String name, String caSha256) {}
