package org.liaison.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every child process the kit started and has not stopped; a shutdown hook ends them all. */
final class ProcessRegistry {

  private static final Set<JavaProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ProcessRegistry::stopAll, "liaison-cluster-shutdown"));
  }

  private ProcessRegistry() {}

  static void register(JavaProcess p) {
    LIVE.add(p);
  }

  static void unregister(JavaProcess p) {
    LIVE.remove(p);
  }

  static void stopAll() {
    java.util.Arrays.stream(LIVE.toArray(JavaProcess[]::new)).parallel().forEach(JavaProcess::stop);
  }
}
