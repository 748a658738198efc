package org.liaison.wire.oprf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.liaison.wire.geo.EventToken;
import org.liaison.wire.geo.EventTokens;
import org.liaison.wire.geo.GridCell;
import org.liaison.wire.v1.IdentifierType;

/**
 * The OPRF input bytes for what nodes match on. Each encoding starts with a length-prefixed domain
 * tag, then fixed-width or length-prefixed fields, so no identifier can collide with another type's
 * identifier or with an event token.
 *
 * <ul>
 *   <li>identifier: {@code tag("liaison/prf/v1/identifier") | type number (2) | len (2) | UTF-8
 *       value}
 *   <li>event token: {@code tag("liaison/prf/v1/event") | tag(grid id) | row (4) | column (4) |
 *       bucket (8)}
 * </ul>
 */
public final class PrfInputs {
  private static final byte[] IDENTIFIER =
      "liaison/prf/v1/identifier".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT = "liaison/prf/v1/event".getBytes(StandardCharsets.US_ASCII);

  private PrfInputs() {}

  /**
   * An identifier, already normalised by its type's rules (E.164 phone, cleaned plate, and so on;
   * put the country into the value where the type needs it, such as {@code "DE:P1234567"}).
   *
   * @throws OprfException {@code INVALID_ARGUMENT} for an unspecified type, a blank value, a value
   *     not in Unicode NFC, or one longer than 1024 UTF-8 bytes
   */
  public static byte[] identifier(IdentifierType type, String normalisedValue) {
    if (type == null
        || type == IdentifierType.IDENTIFIER_TYPE_UNSPECIFIED
        || type == IdentifierType.UNRECOGNIZED) {
      throw OprfException.invalid("an identifier needs a known type, not " + type);
    }
    if (normalisedValue == null
        || normalisedValue.isBlank()
        || !normalisedValue.equals(normalisedValue.strip())
        || !Normalizer.isNormalized(normalisedValue, Normalizer.Form.NFC)) {
      throw OprfException.invalid(
          "the identifier value must be normalised first (non-blank, trimmed, Unicode NFC)");
    }
    byte[] value = normalisedValue.getBytes(StandardCharsets.UTF_8);
    if (value.length > 1024) {
      throw OprfException.invalid("an identifier value must be at most 1024 UTF-8 bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tag(out, IDENTIFIER);
    out.writeBytes(Bytes.i2osp(type.getNumber(), 2));
    Bytes.lengthPrefixed(out, value);
    return out.toByteArray();
  }

  /** An event token: one grid cell in one time bucket of {@link EventTokens#GRID_ID}. */
  public static byte[] eventToken(GridCell cell, long bucket) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tag(out, EVENT);
    tag(out, EventTokens.GRID_ID.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(Bytes.i2osp(cell.row() & 0xFFFFFFFFL, 4));
    out.writeBytes(Bytes.i2osp(cell.column() & 0xFFFFFFFFL, 4));
    out.writeBytes(Bytes.i2osp(bucket, 8));
    return out.toByteArray();
  }

  public static byte[] eventToken(EventToken token) {
    return eventToken(token.cell(), token.bucket());
  }

  private static void tag(ByteArrayOutputStream out, byte[] tag) {
    out.write(tag.length);
    out.writeBytes(tag);
  }
}
