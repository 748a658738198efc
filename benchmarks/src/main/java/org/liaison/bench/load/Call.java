package org.liaison.bench.load;

/** One call a load tool makes and times; it throws when the call failed or answered wrongly. */
@FunctionalInterface
public interface Call {
  void run() throws Exception;
}
