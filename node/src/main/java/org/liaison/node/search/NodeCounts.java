package org.liaison.node.search;

/** What the node holds, for its status. */
public record NodeCounts(long cases, long records, long identifiers) {}
