package org.liaison.node.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * Live streams of partner answers for the pages that ask partners (query, checks, planned
 * operations): the stream a call's answers go to, and the fragment that connects the page to it.
 */
@ApplicationScoped
public class AnswerStreams {
  @Inject ConsoleRequest request;
  @Inject LiveStreams streams;

  @Location("console/live.html")
  Template live;

  @Location("console/done.html")
  Template done;

  @Location("console/error.html")
  Template error;

  /** A new stream of this officer's call, each answer rendered by {@code answer}. */
  <A> LiveAnswers<A> open(Function<A, TemplateInstance> answer) {
    return new LiveAnswers<>(
        streams.open(request.officer()), request.locale(), answer, done, error);
  }

  /** The fragment the page swaps in: it connects to the stream and shows the answers. */
  TemplateInstance fragment(LiveAnswers<?> answers) {
    return request.fragment(live).data("stream", answers.streamId());
  }
}
