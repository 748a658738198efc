/**
 * Sealed envelopes, the only thing that crosses between agencies.
 *
 * <ul>
 *   <li>{@link org.liaison.wire.envelope.EnvelopeSealer}: a node seals a request to another node,
 *       or an answer bound to the request it answers; one at a time, or many at once with a
 *       per-peer HPKE session and one batch signature.
 *   <li>{@link org.liaison.wire.envelope.EnvelopeVerifier}: a gateway checks everything that needs
 *       no decryption key.
 *   <li>{@link org.liaison.wire.envelope.EnvelopeOpener}: the recipient node checks everything and
 *       decrypts.
 * </ul>
 *
 * Every refusal is a {@link org.liaison.wire.envelope.WireException} with a {@link
 * org.liaison.wire.v1.Reason}. The format is described in docs/decisions/0002-envelope-format.md.
 */
package org.liaison.wire.envelope;
