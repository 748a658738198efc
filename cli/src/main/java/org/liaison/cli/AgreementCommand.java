package org.liaison.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.liaison.agreements.AgencyCredentials;
import org.liaison.agreements.AgreementException;
import org.liaison.agreements.AgreementParser;
import org.liaison.agreements.AgreementSigner;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.LifecycleEvent;
import org.liaison.agreements.ParseResult;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.agreements.SignatureCheck;
import org.liaison.agreements.Templates;
import org.liaison.wire.v1.Reason;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code agreement create|validate|sign|verify|list|show|suspend|resume|terminate}: the agreements
 * command group, mounted under the officer CLI {@code liaison}. Exit code 0 on success, 1 when the
 * answer is negative (invalid, not in force), 2 on usage errors.
 */
@Command(
    name = "agreement",
    mixinStandardHelpOptions = true,
    description = "Create, validate, sign, verify and manage signed agreements (MOUs).",
    subcommands = {
      AgreementCommand.Create.class,
      AgreementCommand.Validate.class,
      AgreementCommand.Sign.class,
      AgreementCommand.Verify.class,
      AgreementCommand.ListCmd.class,
      AgreementCommand.Show.class,
      AgreementCommand.Suspend.class,
      AgreementCommand.Resume.class,
      AgreementCommand.Terminate.class
    })
public final class AgreementCommand {
  @Option(
      names = "--dir",
      description = "agreements folder (default: ${DEFAULT-VALUE})",
      defaultValue = "agreements",
      scope = CommandLine.ScopeType.INHERIT)
  Path dir;

  @Option(
      names = "--pki",
      description = "PKI root (certs-dev layout)",
      scope = CommandLine.ScopeType.INHERIT)
  Path pki;

  @Option(
      names = "--agency",
      description = "the agency acting (signing, suspending ...)",
      scope = CommandLine.ScopeType.INHERIT)
  String agency;

  @Option(
      names = "--json",
      description = "machine-readable output",
      scope = CommandLine.ScopeType.INHERIT)
  boolean json;

  @Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AgreementCommand()).execute(args));
  }

  static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  int print(Object jsonValue, String text) {
    try {
      out().println(json ? JSON.writeValueAsString(jsonValue) : text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      out().println("{\"error\":\"cannot render JSON\"}");
    }
    out().flush();
    return 0;
  }

  int fail(AgreementException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reason", e.reason().name());
    m.put("message", e.getMessage());
    print(m, "refused (" + e.reason() + "): " + e.getMessage());
    return 1;
  }

  Path yaml(String idOrFile) {
    Path p = Path.of(idOrFile);
    return idOrFile.endsWith(".yaml") ? p : dir.resolve(idOrFile + ".yaml");
  }

  AgreementStore store() {
    return store(dir);
  }

  /** The agreements in {@code folder}, their signatures checked against --pki's directory. */
  AgreementStore store(Path folder) {
    return new AgreementStore(
        folder,
        pki == null ? Optional.empty() : Optional.of(pki.resolve("directory")),
        java.time.Clock.systemUTC());
  }

  /** {@code [ok]} or {@code [FAIL]}, the signing party and what its signature check found. */
  static String signatureLine(SignatureCheck c) {
    return (c.valid() ? "  [ok]   " : "  [FAIL] ") + c.agency() + ": " + c.detail() + "\n";
  }

  static Map<String, Object> view(AgreementStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("state", s.state().name());
    m.put("inForce", s.inForce());
    m.put("reason", s.reason().name());
    m.put("sentence", s.sentence());
    s.agreement()
        .ifPresent(
            a -> {
              m.put("parties", a.parties().stream().map(p -> p.agency()).toList());
              m.put("start", a.start().toString());
              m.put("end", a.end().toString());
            });
    m.put("signatures", s.signatures().stream().map(AgreementCommand::view).toList());
    m.put(
        "history",
        s.history().stream()
            .map(
                e ->
                    Map.of(
                        "action",
                        e.action().name(),
                        "by",
                        e.by(),
                        "at",
                        e.at().toString(),
                        "why",
                        e.why()))
            .toList());
    m.put("errors", s.errors().stream().map(Object::toString).toList());
    return m;
  }

  static Map<String, Object> view(SignatureCheck c) {
    return Map.of("agency", c.agency(), "valid", c.valid(), "detail", c.detail());
  }

  /**
   * One {@code agreement} subcommand: what it does, run against the group's options; a refusal
   * ({@link AgreementException}) is printed with its reason and exits 1.
   */
  @Command(mixinStandardHelpOptions = true)
  abstract static class Step implements Callable<Integer> {
    @ParentCommand AgreementCommand top;

    /** The exit code: 0 done or in force, 1 a negative answer. */
    abstract int run() throws Exception;

    @Override
    public Integer call() throws Exception {
      try {
        return run();
      } catch (AgreementException ex) {
        return top.fail(ex);
      }
    }
  }

  @Command(
      name = "create",
      description = "Create <id>.yaml from template.yaml or from a reference agreement.")
  static final class Create extends Step {
    @Parameters(index = "0", description = "agreement id")
    String id;

    @Option(
        names = "--reference",
        description = "start from a reference agreement: ${COMPLETION-CANDIDATES}")
    String reference;

    @Option(
        names = "--parties",
        split = ",",
        description = "two agencies, e.g. us.ice,us.dea (template only)")
    List<String> parties;

    @Option(names = "--title", description = "the agreement's title (default: its id)")
    String title;

    @Option(names = "--start", description = "YYYY-MM-DD (default: today)")
    LocalDate start;

    @Option(names = "--end", description = "YYYY-MM-DD (default: start + 5 years)")
    LocalDate end;

    @Override
    int run() throws Exception {
      if (top.pki == null) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT,
            "Give --pki: the CA fingerprints come from the PKI directory.");
      }
      LocalDate s = start == null ? LocalDate.now(ZoneOffset.UTC) : start;
      LocalDate e = end == null ? s.plusYears(5) : end;
      String text;
      if (reference != null) {
        text = ReferenceAgreements.instantiate(reference, top.pki, s, e);
        if (!reference.equals(id)) {
          text = text.replaceFirst("(?m)^id: .*$", "id: " + id);
        }
      } else {
        if (parties == null || parties.size() != 2) {
          throw new AgreementException(
              Reason.INVALID_ARGUMENT, "Give --parties a,b (two agencies) or --reference <id>.");
        }
        text =
            Templates.fill(
                Templates.blank(),
                Map.of(
                    "id",
                    id,
                    "title",
                    title == null ? id : title,
                    "party_a",
                    parties.get(0),
                    "party_b",
                    parties.get(1),
                    "start",
                    s.toString(),
                    "end",
                    e.toString()),
                top.pki);
      }
      Files.createDirectories(top.dir);
      Path f = top.dir.resolve(id + ".yaml");
      if (Files.exists(f)) {
        throw new AgreementException(Reason.INVALID_ARGUMENT, f + " already exists.");
      }
      Files.writeString(f, text, StandardCharsets.UTF_8);
      return top.print(
          Map.of("created", f.toString()),
          "created " + f + " (edit it, then: agreement validate " + id + ")");
    }
  }

  @Command(
      name = "validate",
      description = "Check a document against the schema; errors name line and field.")
  static final class Validate extends Step {
    @Parameters(index = "0", description = "agreement id or path to .yaml")
    String id;

    @Override
    int run() throws Exception {
      ParseResult r = AgreementParser.parse(Files.readAllBytes(top.yaml(id)));
      top.print(
          Map.of("valid", r.valid(), "errors", r.errors()),
          r.valid() ? top.yaml(id) + ": valid" : r.describe().strip());
      return r.valid() ? 0 : 1;
    }
  }

  @Command(
      name = "sign",
      description =
          "Sign <id>.yaml with --agency's signing key from --pki, writing <id>.<agency>.p7s.")
  static final class Sign extends Step {
    @Parameters(index = "0")
    String id;

    @Override
    int run() throws Exception {
      if (top.pki == null || top.agency == null) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT,
            "Give --pki and --agency: the signing key is <pki>/<agency>/agency/signing.key.pem.");
      }
      Path f = top.yaml(id);
      ParseResult r = AgreementParser.parse(Files.readAllBytes(f));
      if (!r.valid()) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT, "Refusing to sign an invalid document:\n" + r.describe());
      }
      if (!r.agreement().get().hasParty(top.agency)) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT,
            top.agency + " is not a party to " + r.agreement().get().id() + ".");
      }
      Path p7s = AgreementSigner.signFile(f, AgencyCredentials.load(top.pki, top.agency));
      return top.print(Map.of("signature", p7s.toString()), "signed: " + p7s);
    }
  }

  @Command(
      name = "verify",
      description = "Verify every party's signature and say whether the agreement is in force.")
  static final class Verify extends Step {
    @Parameters(index = "0")
    String id;

    @Override
    int run() throws AgreementException {
      Path f = top.yaml(id);
      String name = f.getFileName().toString();
      AgreementStatus s =
          top.store(f.toAbsolutePath().getParent())
              .statusOf(name.substring(0, name.length() - 5))
              .orElseThrow(
                  () -> new AgreementException(Reason.NOT_FOUND, "There is no " + f + "."));
      StringBuilder sb = new StringBuilder();
      s.signatures().forEach(c -> sb.append(signatureLine(c)));
      sb.append(s.sentence());
      top.print(view(s), sb.toString());
      return s.inForce() ? 0 : 1;
    }
  }

  @Command(name = "list", description = "List the agreements in --dir with their state.")
  static final class ListCmd extends Step {
    @Override
    int run() {
      List<AgreementStatus> all = top.store().all();
      StringBuilder sb =
          new StringBuilder(
              String.format(
                  "%-20s %-17s %-12s %-12s %s%n", "ID", "STATE", "START", "END", "PARTIES"));
      for (AgreementStatus s : all) {
        sb.append(
            String.format(
                "%-20s %-17s %-12s %-12s %s%n",
                s.id(),
                s.state(),
                s.agreement().map(a -> a.start().toString()).orElse("-"),
                s.agreement().map(a -> a.end().toString()).orElse("-"),
                s.agreement()
                    .map(a -> String.join(", ", a.parties().stream().map(p -> p.agency()).toList()))
                    .orElse("-")));
      }
      return top.print(
          all.stream().map(AgreementCommand::view).toList(), sb.toString().stripTrailing());
    }
  }

  @Command(
      name = "show",
      description = "Show one agreement's status, signatures, lifecycle and document.")
  static final class Show extends Step {
    @Parameters(index = "0")
    String id;

    @Override
    int run() throws Exception {
      AgreementStatus s =
          top.store()
              .statusOf(id)
              .orElseThrow(
                  () ->
                      new AgreementException(
                          Reason.NOT_FOUND,
                          "There is no agreement " + id + " in " + top.dir + "."));
      StringBuilder sb = new StringBuilder(s.sentence()).append('\n');
      s.signatures().forEach(c -> sb.append(signatureLine(c)));
      s.history()
          .forEach(
              e ->
                  sb.append("  ")
                      .append(e.at())
                      .append(' ')
                      .append(e.action())
                      .append(" by ")
                      .append(e.by())
                      .append(": ")
                      .append(e.why())
                      .append('\n'));
      sb.append("---\n").append(Files.readString(top.dir.resolve(id + ".yaml")));
      return top.print(view(s), sb.toString().stripTrailing());
    }
  }

  /**
   * {@code suspend}, {@code resume} or {@code terminate}: the lifecycle step its command's name
   * says ({@link LifecycleEvent.Action}'s name, lower case), recorded by --agency with --reason.
   */
  abstract static class Lifecycle extends Step {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0")
    String id;

    @Option(names = "--reason", required = true, description = "why (kept in <id>.status.yaml)")
    String why;

    /** The action a lifecycle command's name names. */
    static LifecycleEvent.Action action(String commandName) {
      return LifecycleEvent.Action.valueOf(commandName.toUpperCase(Locale.ROOT));
    }

    @Override
    int run() throws AgreementException {
      if (top.agency == null) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT, "Give --agency: the party taking this step.");
      }
      AgreementStatus s = top.store().record(id, action(spec.name()), top.agency, why);
      return top.print(view(s), s.sentence());
    }
  }

  @Command(name = "suspend", description = "Suspend an agreement (--agency, --reason).")
  static final class Suspend extends Lifecycle {}

  @Command(name = "resume", description = "Resume a suspended agreement (--agency, --reason).")
  static final class Resume extends Lifecycle {}

  @Command(
      name = "terminate",
      description = "Terminate an agreement for good (--agency, --reason).")
  static final class Terminate extends Lifecycle {}
}
