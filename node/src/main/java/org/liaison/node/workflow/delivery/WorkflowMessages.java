package org.liaison.node.workflow.delivery;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Base64;
import java.util.Map;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.DesignationMessage;
import org.liaison.wire.v1.FeedbackMessage;
import org.liaison.wire.v1.RfiMessage;

/** The workflow message types by content type, to read back what the outbox keeps as bytes. */
public final class WorkflowMessages {
  private static final Map<String, Parser<? extends Message>> PARSERS =
      Map.of(
          RfiMessage.getDescriptor().getFullName(), RfiMessage.parser(),
          ConsentMessage.getDescriptor().getFullName(), ConsentMessage.parser(),
          FeedbackMessage.getDescriptor().getFullName(), FeedbackMessage.parser(),
          DesignationMessage.getDescriptor().getFullName(), DesignationMessage.parser());

  private WorkflowMessages() {}

  public static Message parse(String contentType, String base64) {
    Parser<? extends Message> parser = PARSERS.get(contentType);
    if (parser == null) {
      throw new IllegalArgumentException("not a workflow message type: " + contentType);
    }
    try {
      return parser.parseFrom(Base64.getDecoder().decode(base64));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("damaged outbox payload of type " + contentType, e);
    }
  }

  public static String encode(Message m) {
    return Base64.getEncoder().encodeToString(m.toByteArray());
  }

  public static <T extends Message> T decode(Parser<T> parser, String base64) {
    try {
      return parser.parseFrom(Base64.getDecoder().decode(base64));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("damaged stored workflow message", e);
    }
  }
}
