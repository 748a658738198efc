package org.liaison.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.quarkus.qute.Engine;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A call's answers as the page's live stream carries them, through the real {@link LiveStreams}.
 */
class LiveAnswersTest {
  private final Engine qute = Engine.builder().addDefaults().build();
  private final LiveStreams streams = new LiveStreams();
  private final ConsoleOfficer officer = new ConsoleOfficer("us.ice", "alice", null);

  private LiveAnswers<String> answers() {
    return new LiveAnswers<>(
        streams.open(officer),
        Locale.ENGLISH,
        a -> qute.parse("<li>{a}</li>").data("a", a),
        qute.parse("<p>{count} answered</p>"),
        qute.parse("<p>{sentence}</p>"));
  }

  private List<LiveStreams.Event> events(LiveAnswers<?> answers) {
    return streams.take(answers.streamId(), officer).collect().asList().await().indefinitely();
  }

  @Test
  void eachAnswerIsRenderedAsItArrivesAndTheEndCountsThem() {
    LiveAnswers<String> answers = answers();
    answers.onNext("us.dea: MATCH");
    answers.onNext("us.cbp: NO_MATCH");
    answers.onCompleted();

    assertThat(events(answers))
        .containsExactly(
            new LiveStreams.Event("answer", "<li>us.dea: MATCH</li>"),
            new LiveStreams.Event("answer", "<li>us.cbp: NO_MATCH</li>"),
            new LiveStreams.Event("end", "<p>2 answered</p>"));
  }

  @Test
  void aFailedCallEndsTheStreamWithWhyItFailed() {
    LiveAnswers<String> answers = answers();
    answers.onNext("us.dea: MATCH");
    answers.onError(Status.UNAVAILABLE.withDescription("the gateway is down").asRuntimeException());

    List<LiveStreams.Event> events = events(answers);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo(new LiveStreams.Event("answer", "<li>us.dea: MATCH</li>"));
    assertThat(events.get(1).name()).isEqualTo("end");
    assertThat(events.get(1).html())
        .isEqualTo("<p>The node answered UNAVAILABLE: the gateway is down.</p>");
  }
}
