package org.liaison.node.federation;

/** The header facts of a request this node sends: what the exchange is about, who asks, what. */
public record OutboundRequest(ExchangeScope scope, String officerId, String contentType) {}
