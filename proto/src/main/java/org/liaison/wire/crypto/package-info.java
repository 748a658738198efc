/**
 * Thin, vector-tested cryptographic primitives for the wire: ECDSA P-256/SHA-256, ECDH P-256,
 * HKDF-SHA256, AES-256-GCM and HPKE (RFC 9180) base mode with DHKEM(P-256, HKDF-SHA256),
 * HKDF-SHA256 and AES-256-GCM. All of it is BouncyCastle underneath; this package only fixes the
 * parameters and makes misuse hard. The allowed combination is named in {@link
 * org.liaison.wire.crypto.Suites}.
 */
package org.liaison.wire.crypto;
