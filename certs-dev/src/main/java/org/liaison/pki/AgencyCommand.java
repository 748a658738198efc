package org.liaison.pki;

import picocli.CommandLine.Option;

/** A command that changes one agency of an existing PKI: {@code --pki DIR --agency AGENCY}. */
abstract class AgencyCommand extends ExistingPkiCommand {

  @Option(names = "--agency", required = true, paramLabel = "AGENCY")
  String agency;
}
