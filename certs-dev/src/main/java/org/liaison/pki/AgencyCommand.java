package org.liaison.pki;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** A command that changes one agency of an existing PKI: {@code --pki DIR --agency AGENCY}. */
abstract class AgencyCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PkiCommand.PkiDir pki;

  @Option(names = "--agency", required = true, paramLabel = "AGENCY")
  String agency;

  /** Prints one line of the command's result. */
  void say(String line) {
    spec.commandLine().getOut().println(line);
  }
}
