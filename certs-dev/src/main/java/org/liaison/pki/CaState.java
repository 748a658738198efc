package org.liaison.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a CA remembers between runs ({@code ca.state.properties}): every serial it issued with
 * subject, file and validity, the revoked ones with reason and date, and the last CRL number.
 *
 * <pre>
 * agency=us.ice
 * crl.number=3
 * issued.&lt;serial hex&gt;.subject=CN=node-1.us.ice,OU=node,O=us.ice
 * issued.&lt;serial hex&gt;.file=nodes/node-1/tls.crt.pem
 * issued.&lt;serial hex&gt;.notBefore=2025-01-01T00:00:00Z
 * issued.&lt;serial hex&gt;.notAfter=2026-01-01T00:00:00Z
 * revoked.&lt;serial hex&gt;.reason=keyCompromise
 * revoked.&lt;serial hex&gt;.date=2025-03-01T00:00:00Z
 * </pre>
 */
final class CaState {

  private final String agency;
  private final Map<BigInteger, IssuedCertificate> issued = new TreeMap<>();
  private BigInteger crlNumber = BigInteger.ZERO;

  CaState(String agency) {
    this.agency = agency;
  }

  boolean isIssued(BigInteger serial) {
    return issued.containsKey(serial);
  }

  IssuedCertificate get(BigInteger serial) {
    return issued.get(serial);
  }

  void recordIssued(IssuedCertificate cert) {
    issued.put(cert.serial(), cert);
  }

  void recordRevoked(BigInteger serial, RevocationReason reason, Instant when) {
    issued.put(serial, issued.get(serial).revoke(reason, when));
  }

  List<IssuedCertificate> issued() {
    return List.copyOf(issued.values());
  }

  List<IssuedCertificate> revoked() {
    return issued.values().stream().filter(IssuedCertificate::revoked).toList();
  }

  BigInteger nextCrlNumber() {
    crlNumber = crlNumber.add(BigInteger.ONE);
    return crlNumber;
  }

  void save(Path file) {
    Properties p = new Properties();
    p.setProperty("agency", agency);
    p.setProperty("crl.number", crlNumber.toString());
    for (IssuedCertificate c : issued.values()) {
      String k = "issued." + c.serialHex();
      p.setProperty(k + ".subject", c.subject());
      p.setProperty(k + ".file", c.file());
      p.setProperty(k + ".notBefore", c.notBefore().toString());
      p.setProperty(k + ".notAfter", c.notAfter().toString());
      if (c.revoked()) {
        p.setProperty("revoked." + c.serialHex() + ".reason", c.revocationReason().rfcName());
        p.setProperty("revoked." + c.serialHex() + ".date", c.revokedAt().toString());
      }
    }
    PkiFiles.writePublic(file, sorted(p).getBytes(StandardCharsets.ISO_8859_1));
  }

  static CaState load(Path file, String agency) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      throw PkiFiles.ioFailure("cannot read " + file, e);
    }
    try {
      CaState state = new CaState(agency);
      state.crlNumber = new BigInteger(p.getProperty("crl.number", "0"));
      for (String key : p.stringPropertyNames()) {
        if (key.startsWith("issued.") && key.endsWith(".subject")) {
          String hex = key.substring("issued.".length(), key.length() - ".subject".length());
          String k = "issued." + hex;
          BigInteger serial = new BigInteger(hex, 16);
          String reason = p.getProperty("revoked." + hex + ".reason");
          String date = p.getProperty("revoked." + hex + ".date");
          state.issued.put(
              serial,
              new IssuedCertificate(
                  agency,
                  serial,
                  p.getProperty(key),
                  p.getProperty(k + ".file"),
                  Instant.parse(p.getProperty(k + ".notBefore")),
                  Instant.parse(p.getProperty(k + ".notAfter")),
                  reason == null ? null : RevocationReason.parse(reason),
                  date == null ? null : Instant.parse(date)));
        }
      }
      return state;
    } catch (RuntimeException e) {
      throw new PkiException(
          PkiException.Kind.NOT_A_PKI, file + " is damaged: " + e.getMessage(), e);
    }
  }

  /** Properties text with keys in order, so the file diffs well and reads like a list. */
  private static String sorted(Properties p) {
    StringWriter text = new StringWriter();
    try {
      p.store(text, "CA state of the Liaison development PKI - DEVELOPMENT ONLY");
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringWriter does not fail
    }
    List<String> header = new ArrayList<>();
    TreeMap<String, String> body = new TreeMap<>();
    for (String line : text.toString().split("\n")) {
      if (line.startsWith("#")) {
        header.add(line);
      } else if (!line.isBlank()) {
        body.put(line.substring(0, line.indexOf('=')), line);
      }
    }
    return String.join("\n", header) + "\n" + String.join("\n", body.values()) + "\n";
  }
}
