package org.liaison.node.records;

/** Record categories; agreements name them to say what may be shared. */
public enum RecordCategory {
  /** report of investigation */
  ROI,
  /** wiretap intercept summary */
  INTERCEPT,
  /** financial investigative material */
  FINANCIAL,
  /** passenger name record (e.g. EU PNR received by CBP) */
  PNR,
  SEIZURE,
  INTERDICTION,
  ARREST,
  CASE_SUMMARY,
  INTELLIGENCE
}
