package org.liaison.node.federation;

import com.google.protobuf.Message;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one sealed request to one partner node through this agency's gateway and opens the sealed
 * answer. Fails with {@link ExchangeFailure} carrying the reason.
 */
public interface PartnerCall {
  CompletableFuture<byte[]> send(OutboundRequest request, Message payload, long deadlineMs);
}
