package org.liaison.wire.geo;

/**
 * One cell of the fixed de-confliction grid ({@link EventTokens#GRID_ID}): a latitude row and a
 * column within that row. Rows are a fixed latitude step; each row has as many columns as keep
 * cells at least about 500 m wide at the row's pole-ward edge.
 */
public record GridCell(int row, int column) {}
