package org.liaison.node.audit;

import org.liaison.wire.v1.SignedAuditCheckpoint;

/** Where an appended entry landed: its leaf index and hash, and the checkpoint signed after it. */
public record AuditReceipt(long index, byte[] leafHash, SignedAuditCheckpoint checkpoint) {}
