package org.liaison.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code liaison} in-process and captures what it printed. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String[] connection, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    // connection options belong to the subcommand: insert them after its name
    all.addAll(1, List.of(connection));
    return of(all.toArray(String[]::new));
  }

  /**
   * A command of a group ({@code request approve}, {@code operation plan}): the connection options
   * belong to the command, after the group's name and the command's.
   */
  static CliRun ofGroup(String[] connection, String group, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of(connection));
    all.add(0, group);
    return of(all.toArray(String[]::new));
  }

  static CliRun of(String... args) {
    CommandLine cl = LiaisonCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
