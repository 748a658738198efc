package org.liaison.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.liaison.pem.Pem;

/**
 * File writes of the PKI: atomic (temp file + move), private keys owner-only where the file system
 * has POSIX permissions, and a README.txt in every folder the tool makes.
 */
final class PkiFiles {

  private static final String WARNING =
      """
            DEVELOPMENT ONLY - NOT FOR PRODUCTION.
            Made by the Liaison development PKI tool (certs-dev). Private keys are unencrypted and the
            PKCS#12 password is "changeit". Never use these keys or certificates outside development
            and tests; a real deployment gets its keys from the agency's own PKI.
            """;

  private PkiFiles() {}

  static X509Certificate readCertificate(Path file) {
    try {
      return Pem.readCertificate(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  static X509CRL readCrl(Path file) {
    try {
      return Pem.readCrl(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  static PrivateKey readPrivateKey(Path file) {
    try {
      return Pem.readPrivateKey(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** A missing or unreadable file is an I/O failure; a file that holds no such PEM is not a PKI. */
  private static PkiException unreadable(Path file, IOException e) {
    return Files.isReadable(file)
        ? new PkiException(PkiException.Kind.NOT_A_PKI, e.getMessage(), e)
        : new PkiException(
            PkiException.Kind.IO_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
  }

  /**
   * Writes a public file (certificate, CRL, state): readable by everyone, writable by the owner.
   */
  static void writePublic(Path file, byte[] content) {
    write(file, content, "rw-r--r--");
  }

  /** Writes a secret file (private key, PKCS#12): owner read/write only. */
  static void writeSecret(Path file, byte[] content) {
    write(file, content, "rw-------");
  }

  /** Creates the folder (and parents) and writes its README.txt unless it has one. */
  static Path folder(Path dir, String whatItHolds) {
    try {
      Files.createDirectories(dir);
      Path readme = dir.resolve(PkiLayout.README);
      if (!Files.exists(readme)) {
        writePublic(
            readme,
            (WARNING + "\nThis folder: " + whatItHolds + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return dir;
    } catch (IOException e) {
      throw ioFailure("cannot create folder " + dir, e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw ioFailure("cannot delete " + dir, e);
    }
  }

  private static void write(Path file, byte[] content, String permissions) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // created owner-only on POSIX systems, so a key is never readable by others, even briefly
      Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
      try {
        Files.write(tmp, content);
        setPermissions(tmp, permissions);
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw ioFailure("cannot write " + file, e);
    }
  }

  private static void setPermissions(Path file, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions (e.g. Windows): fall back to the owner-only flags java.io offers
      boolean ownerOnly = permissions.equals("rw-------");
      java.io.File f = file.toFile();
      f.setReadable(false, false);
      f.setReadable(true, ownerOnly);
      f.setWritable(false, false);
      f.setWritable(true, true);
    }
  }

  /** Lower-case hex SHA-256 of the certificate's DER encoding (the fingerprint agreements pin). */
  static String fingerprint(java.security.cert.X509Certificate cert) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (java.security.GeneralSecurityException e) {
      throw new PkiException(
          PkiException.Kind.CRYPTO_FAILURE, "cannot fingerprint a certificate", e);
    }
  }

  static PkiException ioFailure(String what, IOException e) {
    return new PkiException(PkiException.Kind.IO_FAILURE, what + ": " + e, e);
  }
}
