/**
 * RFC 9162 (Certificate Transparency 2.0) section 2.1 Merkle trees: hashing, inclusion proofs and
 * consistency proofs. Used for batch signatures on envelopes and by the audit log.
 */
package org.liaison.wire.merkle;
