package org.liaison.gateway.relay;

import io.grpc.stub.StreamObserver;
import org.liaison.wire.transport.PeerIdentityInterceptor;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;

/** The two gRPC faces of the relay: one listener for partner gateways, one for own nodes. */
public final class RelayServices {
  private RelayServices() {}

  public static GatewayRelayGrpc.GatewayRelayImplBase forPartners(Relay relay) {
    return new GatewayRelayGrpc.GatewayRelayImplBase() {
      @Override
      public void relay(Envelope request, StreamObserver<Envelope> out) {
        answer(() -> relay.inbound(PeerIdentityInterceptor.current(), request), out);
      }
    };
  }

  public static GatewayRelayGrpc.GatewayRelayImplBase forNodes(Relay relay) {
    return new GatewayRelayGrpc.GatewayRelayImplBase() {
      @Override
      public void relay(Envelope request, StreamObserver<Envelope> out) {
        answer(() -> relay.outbound(PeerIdentityInterceptor.current(), request), out);
      }
    };
  }

  private interface Call {
    Envelope run();
  }

  private static void answer(Call call, StreamObserver<Envelope> out) {
    Envelope answer;
    try {
      answer = call.run();
    } catch (RuntimeException e) {
      out.onError(e);
      return;
    }
    out.onNext(answer);
    out.onCompleted();
  }
}
