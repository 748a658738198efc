package org.liaison.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Creates a fresh PKI: the reference federation and/or the agencies given.")
final class InitCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"--out", "--pki", "-d"},
      paramLabel = "DIR",
      required = true,
      description = "folder to create")
  Path out;

  @Option(
      names = "--reference",
      description = "the ten agencies of the reference federation (node-1, officer-1 each)")
  boolean reference;

  @Option(
      names = "--agency",
      paramLabel = "AGENCY[:NODES[:OFFICERS]]",
      description = "an agency to create, e.g. us.ice:node-1,node-2 (repeatable)")
  List<AgencySpec> agencies = new ArrayList<>();

  @Option(
      names = "--force",
      description = "replace the PKI already in DIR (only PKI files are deleted)")
  boolean force;

  @Option(
      names = "--leaf-days",
      paramLabel = "DAYS",
      defaultValue = "365",
      description = "validity of leaf certificates in days (default: ${DEFAULT-VALUE})")
  long leafDays;

  @Override
  public Integer call() {
    List<AgencySpec> all = new ArrayList<>();
    if (reference) {
      all.addAll(DevPki.referenceFederation());
    }
    all.addAll(agencies);
    if (all.isEmpty()) {
      throw new PkiException(
          PkiException.Kind.UNKNOWN_AGENCY,
          "say which agencies to create: --reference and/or --agency us.ice:node-1");
    }
    if (!force && nonEmpty(out)) {
      throw new PkiException(
          PkiException.Kind.ALREADY_EXISTS,
          out
              + " already exists and is not empty; use --force to replace the PKI in it, or choose another --out");
    }
    Validity validity = Validity.DEFAULT.withLeaf(Duration.ofDays(leafDays));
    DevPki pki = DevPki.create(out, all, Clock.systemUTC(), validity, force);
    var w = spec.commandLine().getOut();
    w.println(
        "Created the development PKI in " + pki.root() + ": " + String.join(", ", pki.agencies()));
    w.println("Public material for partners: " + pki.directory());
    PkiCommand.warn(w);
    return 0;
  }

  private static boolean nonEmpty(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Files.exists(dir);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw PkiFiles.ioFailure("cannot read " + dir, e);
    }
  }
}
