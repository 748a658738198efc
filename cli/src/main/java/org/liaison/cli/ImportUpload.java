package org.liaison.cli;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.liaison.wire.v1.ImportBatch;
import org.liaison.wire.v1.ImportBatchAck;
import org.liaison.wire.v1.ImportItem;

/**
 * Streams the lines of a JSON Lines file after a given line through {@code Officer.ImportBatches},
 * in batches (one transaction each on the node), with flow control, and tracks the watermark: the
 * last line up to which every line was acknowledged (the last line of the last batch acknowledged;
 * batches are acknowledged in order).
 */
final class ImportUpload {
  /** A batch stays well under the node's 1 MiB message limit. */
  static final int MAX_BATCH_BYTES = 512 * 1024;

  /** What happened: counts, the watermark, and the failure that ended the stream early, if any. */
  record Outcome(
      long sent, long accepted, long rejected, long watermark, StatusRuntimeException failure) {}

  private final Object lock = new Object();

  /** The last line of each batch sent and not yet acknowledged, in order. */
  private final Deque<Long> pending = new ArrayDeque<>();

  private final int batchLines;
  private long lastRead;
  private long acknowledgedThrough;
  private long sent;
  private long accepted;
  private long rejected;
  private StatusRuntimeException failure;

  /**
   * Uploads and blocks until the node has acknowledged everything or the call failed.
   *
   * @param onAck called for each acknowledgement with the watermark after it, on a gRPC thread
   */
  ImportUpload(int batchLines) {
    if (batchLines < 1 || batchLines > 10_000) {
      throw new IllegalArgumentException("a batch holds 1 to 10000 lines");
    }
    this.batchLines = batchLines;
  }

  Outcome run(NodeClient client, Path file, long afterLine, AckListener onAck) {
    lastRead = afterLine;
    acknowledgedThrough = afterLine;
    CountDownLatch done = new CountDownLatch(1);
    Object readyLock = new Object();
    ClientCallStreamObserver<ImportBatch>[] call = new ClientCallStreamObserver[1];
    ClientResponseObserver<ImportBatch, ImportBatchAck> responses =
        new ClientResponseObserver<>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<ImportBatch> requestStream) {
            call[0] = requestStream;
            requestStream.setOnReadyHandler(
                () -> {
                  synchronized (readyLock) {
                    readyLock.notifyAll();
                  }
                });
          }

          @Override
          public void onNext(ImportBatchAck ack) {
            long watermark;
            synchronized (lock) {
              pending.remove(ack.getLastLine());
              acknowledgedThrough = Math.max(acknowledgedThrough, ack.getLastLine());
              accepted += ack.getAccepted();
              rejected += ack.getRejectedCount();
              watermark = watermark();
            }
            onAck.acknowledged(ack, watermark);
          }

          @Override
          public void onError(Throwable t) {
            synchronized (lock) {
              failure =
                  t instanceof StatusRuntimeException s
                      ? s
                      : io.grpc.Status.fromThrowable(t).asRuntimeException();
            }
            done.countDown();
            synchronized (readyLock) {
              readyLock.notifyAll();
            }
          }

          @Override
          public void onCompleted() {
            done.countDown();
          }
        };
    client.async().importBatches(responses);
    ClientCallStreamObserver<ImportBatch> requests = call[0];
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      ImportBatch.Builder batch = ImportBatch.newBuilder();
      long batchBytes = 0;
      while (true) {
        line = reader.readLine();
        if (line != null) {
          number++;
          if (number <= afterLine) continue;
          if (line.isBlank()) {
            if (batch.getItemsCount() == 0) {
              synchronized (lock) {
                if (pending.isEmpty()) lastRead = number;
              }
            }
            continue;
          }
          batch.addItems(ImportItem.newBuilder().setLine(number).setJson(line));
          batchBytes += line.length() + 16;
        }
        boolean full =
            batch.getItemsCount() >= batchLines || batchBytes >= MAX_BATCH_BYTES - 64 * 1024;
        if (batch.getItemsCount() > 0 && (full || line == null)) {
          if (!awaitReady(requests, readyLock, done)) break;
          long last = batch.getItems(batch.getItemsCount() - 1).getLine();
          synchronized (lock) {
            pending.addLast(last);
            lastRead = number;
            sent += batch.getItemsCount();
          }
          requests.onNext(batch.build());
          batch = ImportBatch.newBuilder();
          batchBytes = 0;
        }
        if (line == null) break;
      }
      if (done.getCount() > 0) requests.onCompleted();
    } catch (IOException e) {
      requests.cancel("the file could not be read", e);
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requests.cancel("interrupted", e);
    }
    synchronized (lock) {
      return new Outcome(sent, accepted, rejected, watermark(), failure);
    }
  }

  /** Waits until the transport accepts more; false if the call has already ended. */
  private static boolean awaitReady(
      ClientCallStreamObserver<ImportBatch> requests, Object readyLock, CountDownLatch done) {
    synchronized (readyLock) {
      while (!requests.isReady()) {
        if (done.getCount() == 0) return false;
        try {
          readyLock.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return done.getCount() > 0;
  }

  /**
   * Up to the last line read when nothing is outstanding; otherwise up to the last line of the last
   * batch acknowledged (acknowledgements come in order).
   */
  private long watermark() {
    return pending.isEmpty() ? lastRead : acknowledgedThrough;
  }

  /** Receives each acknowledgement with the watermark after it. */
  interface AckListener {
    void acknowledged(ImportBatchAck ack, long watermark);
  }
}
