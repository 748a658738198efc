package org.liaison.bench.scale;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Random;

/**
 * Valid mobile numbers of a country, drawn at random: libphonenumber's example number with its
 * digits after the first replaced, kept only when libphonenumber calls the result valid.
 */
final class Phones {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private Phones() {}

  /** A valid mobile number of the region in international format, e.g. "+7 912 345-67-89". */
  static String mobile(String region, Random random) {
    PhoneNumber example = UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE);
    String national = UTIL.getNationalSignificantNumber(example);
    int keep = 1; // the rest is drawn, so millions of persons do not share a few numbers
    for (int attempt = 0; attempt < 50; attempt++) {
      StringBuilder digits = new StringBuilder(national.substring(0, keep));
      while (digits.length() < national.length()) {
        digits.append((char) ('0' + random.nextInt(10)));
      }
      PhoneNumber candidate =
          new PhoneNumber()
              .setCountryCode(example.getCountryCode())
              .setNationalNumber(Long.parseLong(digits.toString()));
      if (UTIL.isValidNumberForRegion(candidate, region)) {
        return UTIL.format(candidate, PhoneNumberFormat.INTERNATIONAL);
      }
    }
    return UTIL.format(example, PhoneNumberFormat.INTERNATIONAL);
  }
}
