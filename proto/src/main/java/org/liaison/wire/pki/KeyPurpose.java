package org.liaison.wire.pki;

/** What a certificate is used for, and so which key usage bit it must carry. */
public enum KeyPurpose {
  /** Envelope and agreement signatures: digitalSignature. */
  SIGNING(0),
  /** HPKE encryption keys: keyAgreement. */
  ENCRYPTION(4),
  /** TLS client and server certificates: digitalSignature. */
  TLS(0);

  final int keyUsageBit;

  KeyPurpose(int keyUsageBit) {
    this.keyUsageBit = keyUsageBit;
  }
}
