package org.liaison.wire.journal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;

/**
 * An append-only file whose appends are made durable in groups (decision 0019): {@link #append}
 * writes without forcing and returns the append's sequence number; {@link #awaitDurable} returns
 * once that append is on stable storage. The first waiting thread forces everything written so far,
 * the others wait for it, so one {@code fsync} covers the appends of many concurrent callers.
 * {@link #rewrite} replaces the whole file (a temporary file, forced, renamed over it), which is
 * how its owner keeps it bounded. The owner decides what a line is and when to rewrite.
 */
public final class GroupForcedFile implements Closeable {
  private static final Logger LOG = Logger.getLogger(GroupForcedFile.class.getName());

  private final Path file;

  /**
   * Read-held to write or force the channel (an append is written while another group's fsync
   * runs), write-held to replace it; never held while waiting for {@link #awaitDurable}.
   */
  private final ReentrantReadWriteLock channel = new ReentrantReadWriteLock();

  private FileChannel out;

  /** Sequence number of the last append written to the channel. */
  private final AtomicLong written = new AtomicLong();

  private final Object durableLock = new Object();
  private long durable;
  private boolean forcing;
  private final AtomicLong forces = new AtomicLong();

  private GroupForcedFile(Path file) {
    this.file = file;
  }

  /** Opens {@code file} with {@code content} as its whole, forced content (created if missing). */
  public static GroupForcedFile open(Path file, byte[] content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    GroupForcedFile f = new GroupForcedFile(file);
    f.rewrite(content);
    return f;
  }

  public Path path() {
    return file;
  }

  /** Writes {@code bytes} at the end (not yet forced); returns its sequence number. */
  public long append(byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    channel.readLock().lock();
    try {
      while (b.hasRemaining()) {
        out.write(b);
      }
      return written.incrementAndGet();
    } finally {
      channel.readLock().unlock();
    }
  }

  /**
   * Returns once append {@code seq} is on stable storage; throws if forcing it failed (the caller
   * must not act on it), {@link InterruptedIOException} if interrupted while waiting.
   */
  public void awaitDurable(long seq) throws IOException {
    while (true) {
      long target;
      synchronized (durableLock) {
        while (durable < seq && forcing) {
          try {
            durableLock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + file);
          }
        }
        if (durable >= seq) {
          return;
        }
        forcing = true;
        target = written.get();
      }
      IOException failure = null;
      try {
        channel.readLock().lock();
        try {
          out.force(false);
        } finally {
          channel.readLock().unlock();
        }
        forces.incrementAndGet();
      } catch (IOException e) {
        failure = e;
      }
      synchronized (durableLock) {
        forcing = false;
        if (failure == null) {
          durable = Math.max(durable, target);
        }
        durableLock.notifyAll();
        if (failure != null) {
          throw failure;
        }
      }
    }
  }

  /**
   * Replaces the file's content with {@code content}, forced, renamed over the file and reopened:
   * everything appended before is then durable, or dropped if {@code content} drops it.
   */
  public void rewrite(byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    long upTo;
    channel.writeLock().lock();
    try {
      try (FileChannel w =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(content);
        while (b.hasRemaining()) {
          w.write(b);
        }
        w.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory();
      closeQuietly(out);
      out = appendTo(file);
      upTo = written.get();
    } finally {
      channel.writeLock().unlock();
    }
    synchronized (durableLock) {
      durable = Math.max(durable, upTo);
      durableLock.notifyAll();
    }
  }

  /** Reopens the channel if a failed {@link #rewrite} left it closed. */
  public void reopenIfClosed() throws IOException {
    channel.writeLock().lock();
    try {
      if (out == null || !out.isOpen()) {
        out = appendTo(file);
      }
    } finally {
      channel.writeLock().unlock();
    }
  }

  /** How many fsyncs of appends were made (the grouping tests read it). */
  public long forces() {
    return forces.get();
  }

  @Override
  public void close() {
    channel.writeLock().lock();
    try {
      closeQuietly(out);
    } finally {
      channel.writeLock().unlock();
    }
  }

  /**
   * The old channel's content is all in the forced new file; closing it may fail when its file
   * system failed (it may even be unmounted by now), which must not stop the file's owner.
   */
  private static void closeQuietly(FileChannel old) {
    if (old == null) {
      return;
    }
    try {
      old.close();
    } catch (IOException e) {
      LOG.warning("closing the replaced file failed: " + e.getMessage());
    }
  }

  private void forceDirectory() {
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // some platforms cannot open a directory; the rename is still atomic there
    }
  }

  private static FileChannel appendTo(Path file) throws IOException {
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }
}
