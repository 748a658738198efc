package org.liaison.node.console;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers that arrive after the page asked for them: a POST starts the call and opens a stream, the
 * page's server-sent-events connection takes it (once, and only by the officer who opened it).
 * Answers that arrive before the page connects wait in the stream's buffer.
 */
@ApplicationScoped
public class LiveStreams {
  private static final Duration UNCLAIMED = Duration.ofMinutes(2);

  /** One server-sent event: its name and the HTML it carries. */
  public record Event(String name, String html) {}

  private record Live(String owner, UnicastProcessor<Event> events, long openedNanos) {}

  private final Map<String, Live> open = new ConcurrentHashMap<>();

  /** Where a running call sends its answers. */
  public interface Sink {
    String id();

    void send(String name, String html);

    /** The last event; the page closes its connection on {@code end}. */
    void end(String html);
  }

  public Sink open(ConsoleOfficer officer) {
    forgetUnclaimed();
    String id = UUID.randomUUID().toString();
    UnicastProcessor<Event> events = UnicastProcessor.create();
    open.put(id, new Live(officer.name(), events, System.nanoTime()));
    return new Sink() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public synchronized void send(String name, String html) {
        events.onNext(new Event(name, html));
      }

      @Override
      public synchronized void end(String html) {
        events.onNext(new Event("end", html));
        events.onComplete();
      }
    };
  }

  /** The stream's events, or nothing when it is unknown, taken already, or another officer's. */
  public Multi<Event> take(String id, ConsoleOfficer officer) {
    Live live = open.get(id);
    if (live == null || !live.owner().equals(officer.name()) || !open.remove(id, live)) {
      return Multi.createFrom().empty();
    }
    return live.events();
  }

  private void forgetUnclaimed() {
    long now = System.nanoTime();
    open.values()
        .removeIf(
            l -> {
              boolean stale = now - l.openedNanos() > UNCLAIMED.toNanos();
              if (stale) {
                l.events().onComplete();
              }
              return stale;
            });
  }
}
