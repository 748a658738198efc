package org.liaison.node.console;

import io.grpc.stub.StreamObserver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.liaison.wire.text.Sentences;

/**
 * A running call's partner answers, each rendered into the page's live stream as it arrives; the
 * stream ends with how many arrived, or with why the call failed.
 */
final class LiveAnswers<A> implements StreamObserver<A> {
  private final LiveStreams.Sink sink;
  private final Locale locale;
  private final Function<A, TemplateInstance> answer;
  private final Template done;
  private final Template error;
  private final AtomicInteger count = new AtomicInteger();

  /**
   * @param answer the page's rendering of one answer
   * @param done the closing line, given the {@code count} of answers
   * @param error the closing line, given the failure's {@code sentence}
   */
  LiveAnswers(
      LiveStreams.Sink sink,
      Locale locale,
      Function<A, TemplateInstance> answer,
      Template done,
      Template error) {
    this.sink = sink;
    this.locale = locale;
    this.answer = answer;
    this.done = done;
    this.error = error;
  }

  /** The stream the page connects to. */
  String streamId() {
    return sink.id();
  }

  @Override
  public void onNext(A a) {
    count.incrementAndGet();
    sink.send("answer", answer.apply(a).setLocale(locale).render());
  }

  @Override
  public void onError(Throwable t) {
    sink.end(
        error.data("sentence", Sentences.callFailed(t, "the node")).setLocale(locale).render());
  }

  @Override
  public void onCompleted() {
    sink.end(done.data("count", count.get()).setLocale(locale).render());
  }
}
