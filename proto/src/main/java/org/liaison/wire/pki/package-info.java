/**
 * The agencies' public-key infrastructure as the wire sees it: PEM files ({@link
 * org.liaison.pem.Pem}), this node's own keys ({@link org.liaison.wire.pki.NodeCredentials}), the
 * partners' public material ({@link org.liaison.wire.pki.TrustDirectory}), and the one rule for
 * "this certificate belongs to that agency" ({@link org.liaison.wire.pki.CertificateValidator}),
 * also offered to TLS as {@link org.liaison.wire.pki.AgencyTrustManager}.
 */
package org.liaison.wire.pki;
