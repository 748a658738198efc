package org.liaison.pki;

/**
 * A refusal or failure of the development PKI tool: a {@link Kind} a program can act on and a
 * sentence a person can act on. The command line prints the sentence and exits with 2.
 */
public final class PkiException extends RuntimeException {

  /** Why the operation did not happen. */
  public enum Kind {
    /** An agency id is not lower-case dotted (for example {@code us.ice}). */
    BAD_AGENCY_ID,
    /** A node or officer name is not {@code [a-z0-9-]+}. */
    BAD_NAME,
    /** The agency has no CA in this PKI. */
    UNKNOWN_AGENCY,
    /** The node, officer or certificate does not exist. */
    UNKNOWN_ENTITY,
    /** The output, agency, node or officer already exists. */
    ALREADY_EXISTS,
    /** The certificate is already revoked. */
    ALREADY_REVOKED,
    /** The certificate was not issued by the agency's CA. */
    NOT_ISSUED_BY_CA,
    /** The folder is not a PKI made by this tool, or its files are damaged. */
    NOT_A_PKI,
    /** Reading or writing a file failed. */
    IO_FAILURE,
    /** A cryptographic operation failed. */
    CRYPTO_FAILURE
  }

  private final Kind kind;

  public PkiException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public PkiException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
