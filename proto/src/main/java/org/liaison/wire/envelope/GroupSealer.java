package org.liaison.wire.envelope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.liaison.wire.v1.Envelope;

/**
 * Seals the envelopes of concurrent callers under shared batch signatures, like a group commit
 * (decision 0064). Each caller encrypts its own message in its recipient's session on its own
 * thread, then queues it for signing. The first caller to find no signature being computed signs
 * everything waiting (up to {@code maxBatch}) with one ECDSA signature over the Merkle root;
 * callers arriving meanwhile wait and form the next batch. Nothing lingers: a lone caller signs its
 * own envelope at once, as {@link EnvelopeSealer#sealBatch} of one would.
 *
 * <p>Each envelope carries its audit path and verifies on its own; a verifier that has seen one
 * envelope of a batch checks the others against the root it verified. A batch holds envelopes to
 * one agency only. A refusal of one message (untrusted recipient, no route) is its caller's alone;
 * a failure of the signature fails every caller of that batch with its cause. Thread-safe.
 */
public final class GroupSealer {

  /** One queued message and, once its batch is signed, its envelope or the batch's failure. */
  private static final class Waiting {
    final EnvelopeSealer.Prepared prepared;
    Envelope envelope;
    WireException failure;
    Throwable error;

    Waiting(EnvelopeSealer.Prepared prepared) {
      this.prepared = prepared;
    }

    boolean done() {
      return envelope != null || failure != null || error != null;
    }
  }

  /** Signs one batch of prepared messages; {@link EnvelopeSealer#signBatch} but in tests. */
  interface BatchSigning {
    List<Envelope> sign(List<EnvelopeSealer.Prepared> batch) throws WireException;
  }

  private final EnvelopeSealer sealer;
  private final BatchSigning signing;
  private final int maxBatch;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private boolean signingNow;

  /**
   * @param maxBatch most envelopes under one signature (each envelope's audit path grows with its
   *     logarithm)
   */
  public GroupSealer(EnvelopeSealer sealer, int maxBatch) {
    this(sealer, sealer::signBatch, maxBatch);
  }

  GroupSealer(EnvelopeSealer sealer, BatchSigning signing, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.sealer = sealer;
    this.signing = signing;
    this.maxBatch = maxBatch;
  }

  /** Messages queued and not yet taken into a batch. */
  synchronized int waiting() {
    return queue.size();
  }

  /** Seals one message; its signature may be shared with concurrent callers' envelopes. */
  public Envelope seal(SealRequest request, byte[] payload) throws WireException {
    Waiting mine = new Waiting(sealer.prepare(new EnvelopeSealer.Outgoing(request, payload)));
    synchronized (this) {
      queue.add(mine);
    }
    boolean interrupted = false;
    try {
      while (true) {
        List<Waiting> batch;
        synchronized (this) {
          while (signingNow && !mine.done()) {
            try {
              wait();
            } catch (InterruptedException e) {
              // keep waiting: the message is queued and will be signed; leaving would lose it
              interrupted = true;
            }
          }
          if (mine.done()) {
            return outcome(mine);
          }
          signingNow = true;
          batch = nextBatch();
        }
        // signs what it found waiting, its own message among them unless more than maxBatch were
        sign(batch);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The oldest waiting message and those after it for the same agency under the same key (up to
   * {@code maxBatch}). One agency's batch never holds another's envelopes: an audit path reveals
   * its batch's size, which then says nothing about this node's traffic with other agencies; a key
   * rotation starts a new batch.
   */
  private List<Waiting> nextBatch() {
    EnvelopeSealer.Prepared head = queue.peek().prepared;
    List<Waiting> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
    for (Iterator<Waiting> it = queue.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
      Waiting w = it.next();
      if (w.prepared.signer() == head.signer()
          && w.prepared.recipientAgency().equals(head.recipientAgency())) {
        batch.add(w);
        it.remove();
      }
    }
    return batch;
  }

  /** Outside the lock: the next callers queue up while this signature is computed. */
  private void sign(List<Waiting> batch) {
    List<EnvelopeSealer.Prepared> prepared = new ArrayList<>(batch.size());
    for (Waiting w : batch) {
      prepared.add(w.prepared);
    }
    List<Envelope> signed = null;
    WireException failure = null;
    Throwable error = null;
    try {
      signed = signing.sign(prepared);
    } catch (WireException e) {
      failure = e;
    } catch (RuntimeException | Error e) {
      error = e;
    }
    synchronized (this) {
      for (int i = 0; i < batch.size(); i++) {
        Waiting w = batch.get(i);
        if (signed != null) {
          w.envelope = signed.get(i);
        } else {
          w.failure = failure;
          w.error = error;
        }
      }
      signingNow = false;
      notifyAll();
    }
  }

  private static Envelope outcome(Waiting w) throws WireException {
    if (w.failure != null) {
      throw new WireException(w.failure.reason(), w.failure.getMessage(), w.failure);
    }
    if (w.error != null) {
      throw new IllegalStateException(
          "signing a batch of envelopes failed: " + w.error.getMessage(), w.error);
    }
    return w.envelope;
  }
}
