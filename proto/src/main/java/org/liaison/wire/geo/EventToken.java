package org.liaison.wire.geo;

/** A grid cell in a time bucket (bucket = floor(epoch milliseconds / bucket length)). */
public record EventToken(GridCell cell, long bucket) {}
