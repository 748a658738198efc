package org.liaison.agreements;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liaison.wire.v1.Reason;

/**
 * Fills agreement templates. Placeholders are {@code ${name}} (from the values given, e.g. {@code
 * start}, {@code end}, {@code id}) and {@code ${ca:<agency>}} (the SHA-256 fingerprint of the
 * agency's CA certificate in the PKI folder). Plain names are filled first, so {@code
 * ${ca:${party_a}}} works.
 */
public final class Templates {
  private static final Pattern VAR = Pattern.compile("\\$\\{([a-z_]+)}");
  private static final Pattern CA = Pattern.compile("\\$\\{ca:([a-z0-9.\\-]+)}");

  private Templates() {}

  /** The create-from-template document ({@code template.yaml}). */
  public static String blank() throws AgreementException {
    return resource("template.yaml");
  }

  static String resource(String name) throws AgreementException {
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new AgreementException(
            Reason.NOT_FOUND, "There is no template " + name + " on the class path.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AgreementException(
          Reason.INTERNAL, "Cannot read template " + name + ": " + e.getMessage(), e);
    }
  }

  /** Fills every placeholder; fails naming the first one it cannot fill. */
  public static String fill(String text, Map<String, String> values, Path pkiRoot)
      throws AgreementException {
    StringBuilder sb = new StringBuilder();
    Matcher m = VAR.matcher(text);
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT, "The template needs a value for ${" + m.group(1) + "}.");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    Matcher c = CA.matcher(sb.toString());
    StringBuilder out = new StringBuilder();
    while (c.find()) {
      String agency = c.group(1);
      try {
        c.appendReplacement(
            out, Fingerprints.sha256(AgencyCredentials.caCertificate(pkiRoot, agency)));
      } catch (IOException e) {
        throw new AgreementException(
            Reason.UNKNOWN_AGENCY,
            "No CA certificate for "
                + agency
                + " under "
                + pkiRoot
                + " (expected directory/"
                + agency
                + "/ca.crt.pem).",
            e);
      }
    }
    c.appendTail(out);
    return out.toString();
  }
}
