package org.liaison.wire.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.liaison.wire.crypto.Ecdsa;

/**
 * The TLS identity a process presents now, replaced while it runs when its key folder holds a new
 * key and certificate ({@code liaison-pki rotate}). Handshakes made after {@link #replaceFrom} use
 * the new pair; connections already open keep the one they were made with (decision 0028).
 */
public final class LiveTlsIdentity implements Supplier<TlsIdentity> {
  private volatile TlsIdentity current;

  public LiveTlsIdentity(TlsIdentity first) {
    this.current = first;
  }

  public static LiveTlsIdentity fromFolder(Path folder) throws IOException {
    return new LiveTlsIdentity(TlsIdentity.fromFolder(folder));
  }

  @Override
  public TlsIdentity get() {
    return current;
  }

  /**
   * Reads the folder again and swaps in its pair when it is new and whole (the key matches the
   * certificate). Returns whether it changed; a folder caught half-written keeps the current pair.
   */
  public synchronized boolean replaceFrom(Path folder) throws IOException {
    TlsIdentity next = TlsIdentity.fromFolder(folder);
    if (next.certificate().equals(current.certificate())) {
      return false;
    }
    if (!Ecdsa.samePair(next.key(), next.certificate().getPublicKey())) {
      throw new IOException(
          "the TLS key in " + folder + " does not match its certificate (still being written?)");
    }
    current = next;
    return true;
  }
}
