package org.liaison.node.deconfliction.matching;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import org.liaison.node.identifiers.PersonKeys;
import org.liaison.wire.geo.EventToken;
import org.liaison.wire.oprf.PrfInputs;
import org.liaison.wire.v1.IdentifierType;

/**
 * The OPRF inputs both sides derive from their own data, so that equal targets give equal inputs: a
 * normalised identifier ({@link PrfInputs#identifier}); a person as one of its name's phonetic keys
 * with the date of birth (the same keys for Дмитрий Волков and Dmitriy Volkov, see {@link
 * PersonKeys}); an event token ({@link PrfInputs#eventToken}). Persons without a date of birth are
 * not matched: a name alone would alert on namesakes.
 */
public final class MatchInputs {
  private static final byte[] PERSON = "liaison/prf/v1/person".getBytes(StandardCharsets.US_ASCII);

  private MatchInputs() {}

  public static ByteString identifier(IdentifierType type, String normalisedValue) {
    return ByteString.copyFrom(PrfInputs.identifier(type, normalisedValue));
  }

  /** One input per phonetic key of the name, each bound to the date of birth. */
  public static Set<ByteString> person(String name, LocalDate dateOfBirth) {
    return person(PersonKeys.of(name), dateOfBirth);
  }

  public static Set<ByteString> person(Set<String> nameKeys, LocalDate dateOfBirth) {
    Set<ByteString> out = new LinkedHashSet<>();
    if (dateOfBirth == null) {
      return out;
    }
    for (String key : nameKeys) {
      out.add(personKey(key, dateOfBirth));
    }
    return out;
  }

  public static ByteString personKey(String nameKey, LocalDate dateOfBirth) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(PERSON.length);
    b.writeBytes(PERSON);
    byte[] dob = dateOfBirth.toString().getBytes(StandardCharsets.US_ASCII);
    b.write(dob.length);
    b.writeBytes(dob);
    byte[] key = nameKey.getBytes(StandardCharsets.UTF_8);
    b.write(key.length >>> 8);
    b.write(key.length & 0xFF);
    b.writeBytes(key);
    return ByteString.copyFrom(b.toByteArray());
  }

  public static ByteString event(EventToken token) {
    return ByteString.copyFrom(PrfInputs.eventToken(token));
  }
}
