package org.liaison.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.liaison.wire.audit.AuditBundleFile;
import org.liaison.wire.audit.AuditBundleVerifier;
import org.liaison.wire.v1.AuditBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Offline: needs the bundle file only, no node and no credentials. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Verify an exported audit bundle offline: every entry, every signed checkpoint,"
            + " the signing chain. Exit 0 when intact and signed under the CA fingerprint given,"
            + " 1 when not (the first altered entry is named), 3 when intact but no"
            + " --ca-fingerprint was given: then nothing is proved about who signed.")
final class AuditVerifyCommand implements Callable<Integer> {
  /** Intact, but the signer is whoever made the certificates inside the bundle. */
  static final int SIGNER_UNPROVEN = 3;

  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "The bundle file (from liaison audit export).")
  Path bundle;

  @Option(
      names = "--ca-fingerprint",
      description =
          "The agency CA's SHA-256 fingerprint (hex) as the agency published it; the"
              + " bundle's CA must match it.")
  String caFingerprint;

  @Override
  public Integer call() {
    // verified as it is read: a bundle of tens of millions of entries never sits in memory whole
    AuditBundleVerifier.Parts verifier = AuditBundleVerifier.parts();
    AuditBundle[] first = new AuditBundle[1];
    try {
      AuditBundleFile.read(
          bundle,
          part -> {
            if (first[0] == null) {
              first[0] = part;
            }
            verifier.accept(part);
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundle " + bundle, e);
    }
    AuditBundle b = first[0];
    AuditBundleVerifier.Report r = verifier.report();
    var out = spec.commandLine().getOut();
    boolean caOk = caFingerprint == null || caFingerprint.equalsIgnoreCase(r.caFingerprint());
    out.printf(
        "Bundle of %s.%s: %d entries, root %s%n",
        b.getNode(), b.getAgency(), r.treeSize(), HexFormat.of().formatHex(r.root()));
    out.printf(
        "Signed under CA %s%s%n",
        r.caFingerprint(),
        caFingerprint == null
            ? " (compare it with the agency's published fingerprint)"
            : caOk ? " (matches)" : " (does NOT match " + caFingerprint + ")");
    if (r.ok() && caFingerprint == null) {
      out.println(
          "SIGNER NOT PROVED: the entries and checkpoints agree with the certificates inside the"
              + " bundle, but anyone can make such a bundle with a CA of their own. Give"
              + " --ca-fingerprint with the fingerprint the agency published to prove who signed.");
      out.flush();
      return SIGNER_UNPROVEN;
    }
    if (r.ok() && caOk) {
      out.println("OK: every entry is intact and in place, and every checkpoint signature holds.");
    } else {
      if (r.firstBadIndex() >= 0) {
        out.printf("FAILED at entry %d%n", r.firstBadIndex());
      } else {
        out.println("FAILED");
      }
      r.problems().forEach(p -> out.println("  - " + p));
    }
    out.flush();
    return r.ok() && caOk ? 0 : LiaisonCommand.FAILED;
  }
}
