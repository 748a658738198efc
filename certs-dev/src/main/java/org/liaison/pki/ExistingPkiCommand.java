package org.liaison.pki;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A command on an existing PKI ({@code --pki DIR}): opens it, makes its change or report, prints
 * its result to the command's output and exits with 0 (refusals are {@link PkiException}s).
 */
abstract class ExistingPkiCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PkiCommand.PkiDir pki;

  @Override
  public final Integer call() {
    run(pki.open());
    return 0;
  }

  abstract void run(DevPki dev);

  /** The command's output. */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints one line of the command's result. */
  void say(String line) {
    out().println(line);
  }
}
