package org.liaison.node.admin;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.audit.AuditReader;
import org.liaison.node.audit.AuditUnavailable;
import org.liaison.node.officer.OfficerRefusal;
import org.liaison.node.runtime.OfficerApi;
import org.liaison.wire.transport.PeerIdentityInterceptor;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.BackupReport;
import org.liaison.wire.v1.BackupRequest;
import org.liaison.wire.v1.NodeAdminGrpc;
import org.liaison.wire.v1.Reason;

/**
 * The node's administration on the officers' listener (decision 0027): an online backup, for the
 * officers {@link Administrators} names. Each backup is an entry of the node's own audit log,
 * appended before the copy is taken, so a node restored from it shows in its own log where it was
 * restored from.
 */
@GrpcService
@Singleton
public class NodeAdminService extends NodeAdminGrpc.NodeAdminImplBase implements OfficerApi {
  private static final Logger LOG = Logger.getLogger(NodeAdminService.class);

  @Inject Administrators administrators;
  @Inject DatabaseBackup backup;
  @Inject AuditLog audit;
  @Inject AuditReader reader;

  @Blocking
  @Override
  public void backup(BackupRequest request, StreamObserver<BackupReport> out) {
    try {
      String admin = administrators.check(PeerIdentityInterceptor.current());
      if (!backup.supported()) {
        out.onError(
            Refusals.refuse(
                Status.Code.FAILED_PRECONDITION,
                Reason.BACKUP_NOT_SUPPORTED,
                "this node's database is "
                    + backup.database()
                    + ", which the node does not copy itself: back it up with the database's own"
                    + " tools (PostgreSQL: pg_dump -Fc, from a client of the server's major version"
                    + " or newer; docs/runbook.md, section 5)."));
        return;
      }
      audit.append(
          AuditEvent.builder(AuditKind.ADMINISTRATION)
              .officer(admin)
              .outcome("BACKUP")
              .detail("online backup into " + backup.folder())
              .build());
      long size = reader.size();
      DatabaseBackup.Taken taken = backup.take(size);
      LOG.infof(
          "backup by %s: %s (%d bytes, %s, audit log of at least %d entries)",
          admin, taken.folder(), taken.bytes(), taken.database(), size);
      out.onNext(
          BackupReport.newBuilder()
              .setFolder(taken.folder().toString())
              .setBytes(taken.bytes())
              .setTakenAtMs(taken.at().toEpochMilli())
              .setAuditTreeSize(size)
              .setDatabase(taken.database())
              .build());
      out.onCompleted();
    } catch (OfficerRefusal e) {
      LOG.warnf("backup refused: %s", e.getMessage());
      out.onError(e.toStatus());
    } catch (AuditUnavailable e) {
      out.onError(
          Refusals.refuse(
              Status.Code.UNAVAILABLE,
              Reason.AUDIT_UNAVAILABLE,
              "the backup could not be recorded in the audit log, so it was not taken: "
                  + e.getMessage()));
    } catch (IllegalStateException e) {
      out.onError(
          Refusals.refuse(Status.Code.FAILED_PRECONDITION, Reason.BACKUP_FAILED, e.getMessage()));
    } catch (UncheckedIOException e) {
      LOG.errorf("backup failed: %s", e.getMessage());
      out.onError(
          Refusals.refuse(
              Status.Code.UNAVAILABLE,
              Reason.BACKUP_FAILED,
              e.getMessage() + ". Free space or fix the folder's permissions, then try again."));
    }
  }
}
