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
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.liaison.wire.v1.ImportAck;
import org.liaison.wire.v1.ImportItem;

/**
 * Streams the lines of a JSON Lines file after a given line through {@code Officer.Import}, with
 * flow control, and tracks the watermark: the last line up to which every line was acknowledged.
 */
final class ImportUpload {

  /** What happened: counts, the watermark, and the failure that ended the stream early, if any. */
  record Outcome(
      long sent, long accepted, long rejected, long watermark, StatusRuntimeException failure) {}

  private final Object lock = new Object();
  private final TreeSet<Long> pending = new TreeSet<>();
  private long lastRead;
  private long sent;
  private long accepted;
  private long rejected;
  private StatusRuntimeException failure;

  /**
   * Uploads and blocks until the node has acknowledged everything or the call failed.
   *
   * @param onAck called for each acknowledgement with the watermark after it, on a gRPC thread
   */
  Outcome run(NodeClient client, Path file, long afterLine, AckListener onAck) {
    lastRead = afterLine;
    CountDownLatch done = new CountDownLatch(1);
    Object readyLock = new Object();
    ClientCallStreamObserver<ImportItem>[] call = new ClientCallStreamObserver[1];
    ClientResponseObserver<ImportItem, ImportAck> responses =
        new ClientResponseObserver<>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<ImportItem> requestStream) {
            call[0] = requestStream;
            requestStream.setOnReadyHandler(
                () -> {
                  synchronized (readyLock) {
                    readyLock.notifyAll();
                  }
                });
          }

          @Override
          public void onNext(ImportAck ack) {
            long watermark;
            synchronized (lock) {
              pending.remove(ack.getLine());
              if (ack.getAccepted()) accepted++;
              else rejected++;
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
    client.async().import_(responses);
    ClientCallStreamObserver<ImportItem> requests = call[0];
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (number <= afterLine) continue;
        if (line.isBlank()) {
          synchronized (lock) {
            lastRead = number;
          }
          continue;
        }
        if (!awaitReady(requests, readyLock, done)) break;
        synchronized (lock) {
          pending.add(number);
          lastRead = number;
          sent++;
        }
        requests.onNext(ImportItem.newBuilder().setLine(number).setJson(line).build());
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
      ClientCallStreamObserver<ImportItem> requests, Object readyLock, CountDownLatch done) {
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

  private long watermark() {
    return pending.isEmpty() ? lastRead : pending.first() - 1;
  }

  /** Receives each acknowledgement with the watermark after it. */
  interface AckListener {
    void acknowledged(ImportAck ack, long watermark);
  }
}
