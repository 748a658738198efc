package org.liaison.node.runtime;

import io.grpc.BindableService;

/**
 * A gRPC service for this agency's officers. Every CDI bean implementing it is served on the
 * officers' mutual-TLS listener, next to the core {@code Officer} service.
 */
public interface OfficerApi extends BindableService {}
