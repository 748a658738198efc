package org.liaison.node.records;

/** Traffic Light Protocol 2.0 labels. */
public enum Tlp {
  CLEAR("CLEAR"),
  GREEN("GREEN"),
  AMBER("AMBER"),
  AMBER_STRICT("AMBER+STRICT"),
  RED("RED");

  private final String label;

  Tlp(String label) {
    this.label = label;
  }

  /** As written in caveats: "TLP:AMBER+STRICT". */
  public String caveat() {
    return "TLP:" + label;
  }

  /** Reads "AMBER+STRICT", "amber_strict", "TLP:RED". */
  static Tlp parse(String text) {
    String s = text.trim().toUpperCase(java.util.Locale.ROOT);
    if (s.startsWith("TLP:")) {
      s = s.substring(4);
    }
    for (Tlp tlp : values()) {
      if (tlp.label.equals(s) || tlp.name().equals(s)) {
        return tlp;
      }
    }
    return null;
  }
}
