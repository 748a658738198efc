package org.liaison.agreements;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.liaison.pem.Pem;

/**
 * Reads the agreements folder as files: a stamp of its names, sizes and times (to tell when it
 * changed), and one document with its parse, its parties' signatures verified and its lifecycle
 * file. {@link AgreementStore} decides which version is in force and answers from it.
 */
final class AgreementFolder {
  private final Path dir;
  private final Optional<Path> directory;

  AgreementFolder(Path dir, Optional<Path> directory) {
    this.dir = dir;
    this.directory = directory;
  }

  String stamp() {
    StringBuilder sb = new StringBuilder();
    TreeSet<Path> files = new TreeSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(files::add);
    } catch (IOException e) {
      return "unreadable:" + e.getMessage();
    }
    for (Path p : files) {
      try {
        sb.append(p.getFileName())
            .append(':')
            .append(Files.size(p))
            .append(':')
            .append(Files.getLastModifiedTime(p).toMillis())
            .append('\n');
      } catch (IOException e) {
        sb.append(p.getFileName()).append(":gone\n");
      }
    }
    return sb.toString();
  }

  LoadedAgreement read(String id, Path file, Instant now) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return new LoadedAgreement(
          id,
          new ParseResult(
              Optional.empty(),
              List.of(new ValidationError(1, 1, "(file)", "cannot be read: " + e.getMessage()))),
          Map.of(),
          new LifecycleFile.Read(List.of(), null));
    }
    ParseResult parsed = AgreementParser.parse(bytes);
    if (parsed.valid() && !parsed.agreement().get().id().equals(id)) {
      parsed =
          new ParseResult(
              Optional.empty(),
              List.of(
                  new ValidationError(
                      1,
                      1,
                      "id",
                      "'"
                          + parsed.agreement().get().id()
                          + "' does not match the file name "
                          + file.getFileName())));
    }
    Map<String, SignatureCheck> sigs = new LinkedHashMap<>();
    if (parsed.valid()) {
      for (Party p : parsed.agreement().get().parties()) {
        sigs.put(p.agency(), verify(file, bytes, p, now));
      }
    }
    return new LoadedAgreement(id, parsed, sigs, LifecycleFile.read(LifecycleFile.path(dir, id)));
  }

  private SignatureCheck verify(Path yaml, byte[] bytes, Party p, Instant now) {
    Path p7s = AgreementSigner.signatureFile(yaml, p.agency());
    if (!Files.exists(p7s)) {
      return SignatureCheck.missing(p.agency(), " (" + p7s.getFileName() + " is missing)");
    }
    try {
      return SignatureVerifier.verify(
          bytes, Files.readAllBytes(p7s), p, directoryCa(p.agency()), now);
    } catch (IOException e) {
      return SignatureCheck.bad(p.agency(), p7s.getFileName() + " cannot be read");
    }
  }

  private Optional<X509Certificate> directoryCa(String agency) {
    if (directory.isEmpty()) {
      return Optional.empty();
    }
    Path f = directory.get().resolve(agency).resolve("ca.crt.pem");
    try {
      return Files.exists(f) ? Optional.of(Pem.readCertificate(f)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
