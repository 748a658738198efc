package org.liaison.bench.scale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic agency in the import format (docs/import-format.md): cases with their agents,
 * subjects (persons with Latin and Cyrillic names and dates of birth, phones, e-mails, documents,
 * vehicles), records with originators and caveats, and operations with places and time windows. The
 * same agency, seed and size give the same file. Streams: memory stays constant at any size.
 *
 * <p>Run: {@code java -cp benchmarks/target/liaison-benchmarks.jar
 * org.liaison.bench.scale.AgencyGenerator FILE SUBJECTS [agency] [seed]}.
 */
public final class AgencyGenerator {
  /** How many of a case's first subjects its first record is about. */
  private static final int FIRST_RECORD = 3;

  /** Subjects per case, from this many up to twice as many. */
  private static final int MIN_SUBJECTS_PER_CASE = 4;

  private static final List<String> OFFICES =
      List.of("MIA", "NYC", "LAX", "HOU", "CHI", "PHX", "ATL", "ELP", "SDG", "SEA");
  private static final double[][] OFFICE_PLACES = {
    {25.7617, -80.1918}, {40.7128, -74.0060}, {34.0522, -118.2437}, {29.7604, -95.3698},
    {41.8781, -87.6298}, {33.4484, -112.0740}, {33.7490, -84.3880}, {31.7619, -106.4850},
    {32.7157, -117.1611}, {47.6062, -122.3321}
  };
  private static final String[] OFFICE_OFFSETS = {
    "-05:00", "-05:00", "-08:00", "-06:00", "-06:00", "-07:00", "-05:00", "-07:00", "-08:00",
    "-08:00"
  };

  /** In the DEA-ICE agreement's scope first, so most cases are visible to that partner. */
  private static final List<String> CRIME_CATEGORIES =
      List.of(
          "DRUG_TRAFFICKING",
          "NARCOTICS",
          "MONEY_LAUNDERING",
          "FIREARMS_TRAFFICKING",
          "INTERNATIONAL_ORGANIZED_CRIME",
          "HUMAN_SMUGGLING");

  private static final List<String> RECORD_CATEGORIES =
      List.of(
          "ROI",
          "ROI",
          "ROI",
          "INTERCEPT",
          "FINANCIAL",
          "PNR",
          "SEIZURE",
          "INTERDICTION",
          "ARREST",
          "CASE_SUMMARY",
          "INTELLIGENCE");
  private static final List<String> OTHER_AGENCIES =
      List.of("us.cbp", "us.fbi", "us.ice", "us.atf", "co.dijin", "mx.fgr", "ru.skr");
  private static final List<String> TLPS =
      List.of("CLEAR", "GREEN", "AMBER", "AMBER", "AMBER", "AMBER+STRICT", "RED");
  private static final List<String> OPERATION_TYPES =
      List.of("SEARCH_WARRANT", "CONTROLLED_DELIVERY", "SURVEILLANCE", "ARREST", "UNDERCOVER_BUY");
  private static final List<String> MAIL_DOMAINS =
      List.of(
          "gmail.com",
          "yahoo.com",
          "hotmail.com",
          "outlook.com",
          "proton.me",
          "mail.ru",
          "yandex.ru",
          "ukr.net",
          "icloud.com");
  private static final List<String> PHONE_REGIONS =
      List.of("US", "US", "US", "US", "MX", "CO", "RU", "UA", "DO", "ES");
  private static final List<String> DOCUMENT_COUNTRIES =
      List.of("US", "MX", "CO", "RU", "UA", "VE", "DO", "ES", "GT");
  private static final List<String> PLATE_LETTERS = List.of("ABCDEFGHJKLMNPRSTUVWXYZ".split(""));

  /** A person the benchmark can look up: in an active case, with a phone, a name and a date. */
  public record Probe(String caseNumber, String phone, String name, LocalDate dateOfBirth) {}

  /** What was written. */
  public record Summary(
      long lines,
      long cases,
      long subjects,
      long persons,
      long identifiers,
      long records,
      long operations,
      List<Probe> probes) {}

  private final String agency;
  private final String idPrefix;
  private final String casePrefix;
  private final Random random;
  private long identifiers;

  public AgencyGenerator(String agency, long seed) {
    this.agency = agency;
    String unit = agency.substring(agency.indexOf('.') + 1);
    this.idPrefix = unit;
    this.casePrefix = unit.toUpperCase(Locale.ROOT);
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: AgencyGenerator FILE SUBJECTS [agency] [seed]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    long subjects = Long.parseLong(args[1]);
    String agency = args.length > 2 ? args[2] : "us.dea";
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    Summary s = new AgencyGenerator(agency, seed).write(file, subjects, 0);
    System.out.printf(
        "%s: %d lines, %d cases, %d subjects (%d persons), %d identifiers, %d records,"
            + " %d operations%n",
        file,
        s.lines(),
        s.cases(),
        s.subjects(),
        s.persons(),
        s.identifiers(),
        s.records(),
        s.operations());
  }

  /** Writes an agency of {@code subjects} subjects to a file (replaced if present). */
  public Summary write(Path file, long subjects, int probes) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      return write(out, subjects, probes);
    }
  }

  /**
   * Writes an agency of {@code subjects} subjects, one JSON object per line.
   *
   * @param probes how many lookup probes to keep (a uniform sample of the eligible persons)
   */
  public Summary write(Writer writer, long subjects, int probes) throws IOException {
    Writer out = writer instanceof BufferedWriter ? writer : new BufferedWriter(writer, 1 << 16);
    Counts counts = new Counts(probes);
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.setRootValueSeparator(new SerializedString("\n"));
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      for (long n = 1; counts.subjects < subjects; n++) {
        int size = MIN_SUBJECTS_PER_CASE + random.nextInt(MIN_SUBJECTS_PER_CASE + 1);
        writeCase(json, n, (int) Math.min(size, subjects - counts.subjects), counts);
      }
      json.flush();
      out.write('\n');
    }
    out.flush();
    return new Summary(
        counts.lines,
        counts.cases,
        counts.subjects,
        counts.persons,
        identifiers,
        counts.records,
        counts.operations,
        List.copyOf(counts.probes));
  }

  private void writeCase(JsonGenerator json, long n, int subjectCount, Counts counts)
      throws IOException {
    int office = random.nextInt(OFFICES.size());
    int year = 2019 + random.nextInt(8);
    String caseNumber = String.format("%s-%s-%d-%07d", casePrefix, OFFICES.get(office), year, n);
    LocalDate opened = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
    boolean active = random.nextInt(10) < 8;
    List<String> categories = new ArrayList<>();
    categories.add(CRIME_CATEGORIES.get(random.nextInt(random.nextInt(4) == 0 ? 6 : 3)));
    if (random.nextInt(3) == 0) {
      String second = CRIME_CATEGORIES.get(random.nextInt(CRIME_CATEGORIES.size()));
      if (!categories.contains(second)) {
        categories.add(second);
      }
    }
    boolean inPartnerScope = categories.stream().anyMatch(c -> CRIME_CATEGORIES.indexOf(c) < 3);

    json.writeStartObject();
    json.writeStringField("kind", "case");
    json.writeStringField("caseNumber", caseNumber);
    json.writeStringField("agency", agency);
    json.writeObjectFieldStart("agent");
    String agentGiven = pick(NamePool.LATIN_GIVEN);
    String agentFamily = pick(NamePool.LATIN_FAMILY);
    json.writeStringField("name", "Special Agent " + agentGiven + " " + agentFamily);
    json.writeStringField("phone", Phones.mobile("US", random));
    json.writeStringField(
        "email",
        (agentGiven + "." + agentFamily).toLowerCase(Locale.ROOT) + "@" + idPrefix + ".example");
    json.writeEndObject();
    json.writeArrayFieldStart("crimeCategories");
    for (String c : categories) {
      json.writeString(c);
    }
    json.writeEndArray();
    json.writeStringField("status", active ? "ACTIVE" : "CLOSED");
    json.writeStringField("opened", opened.toString());
    if (!active) {
      json.writeStringField("closed", opened.plusDays(30 + random.nextInt(900)).toString());
    }
    json.writeEndObject();
    counts.lines++;
    counts.cases++;

    List<String> subjectIds = new ArrayList<>(subjectCount);
    for (int s = 1; s <= subjectCount; s++) {
      String id = idPrefix + "-s-" + n + "-" + s;
      subjectIds.add(id);
      writeSubject(json, id, caseNumber, counts, active && inPartnerScope && s <= FIRST_RECORD);
    }
    int records = 1 + random.nextInt(Math.max(1, subjectCount / 2) + 1);
    for (int r = 1; r <= records; r++) {
      writeRecord(json, idPrefix + "-r-" + n + "-" + r, caseNumber, subjectIds, opened, r == 1);
      counts.lines++;
      counts.records++;
    }
    if (random.nextInt(4) == 0) {
      writeOperation(json, idPrefix + "-op-" + n, caseNumber, office);
      counts.lines++;
      counts.operations++;
    }
  }

  private void writeSubject(
      JsonGenerator json, String id, String caseNumber, Counts counts, boolean probeable)
      throws IOException {
    int roll = random.nextInt(100);
    String type =
        roll < 60
            ? "PERSON"
            : roll < 80 ? "PHONE" : roll < 88 ? "EMAIL" : roll < 94 ? "VEHICLE" : "DOCUMENT";
    json.writeStartObject();
    json.writeStringField("kind", "subject");
    json.writeStringField("id", id);
    json.writeStringField("case", caseNumber);
    json.writeStringField("type", type);
    String phone = null;
    PersonName name = null;
    LocalDate dob = null;
    json.writeArrayFieldStart("identifiers");
    switch (type) {
      case "PERSON" -> {
        name = personName();
        dob = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(55 * 365));
        if (random.nextInt(10) < 8) {
          phone = Phones.mobile(pick(PHONE_REGIONS), random);
          identifier(json, "PHONE", phone, null);
        }
        if (random.nextInt(10) < 4) {
          identifier(json, "EMAIL", email(name.ascii()), null);
        }
        if (random.nextInt(10) < 3) {
          identifier(json, "DOCUMENT", document(), pick(DOCUMENT_COUNTRIES));
        }
      }
      case "PHONE" -> identifier(json, "PHONE", Phones.mobile(pick(PHONE_REGIONS), random), null);
      case "EMAIL" -> identifier(json, "EMAIL", email(personName().ascii()), null);
      case "VEHICLE" -> identifier(json, "PLATE", plate(), "US");
      default -> identifier(json, "DOCUMENT", document(), pick(DOCUMENT_COUNTRIES));
    }
    json.writeEndArray();
    if (name != null) {
      json.writeStringField("name", name.written());
      json.writeStringField("dateOfBirth", dob.toString());
      counts.persons++;
    }
    json.writeEndObject();
    counts.lines++;
    counts.subjects++;
    if (probeable && phone != null) {
      counts.offer(new Probe(caseNumber, phone, name.written(), dob), random);
    }
  }

  private void identifier(JsonGenerator json, String type, String value, String country)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("type", type);
    json.writeStringField("value", value);
    if (country != null) {
      json.writeStringField("country", country);
    }
    json.writeEndObject();
    identifiers++;
  }

  /**
   * The first record of a case is the agency's own report of investigation about the case's first
   * subjects, one that partners' queries may point to; the others vary.
   */
  private void writeRecord(
      JsonGenerator json,
      String id,
      String caseNumber,
      List<String> subjectIds,
      LocalDate opened,
      boolean first)
      throws IOException {
    String category = first ? "ROI" : pick(RECORD_CATEGORIES);
    json.writeStartObject();
    json.writeStringField("kind", "record");
    json.writeStringField("id", id);
    json.writeStringField("case", caseNumber);
    json.writeStringField("category", category);
    if (!first && random.nextInt(100) < 15) {
      json.writeStringField("originator", pick(OTHER_AGENCIES));
    }
    json.writeArrayFieldStart("subjects");
    int about =
        first
            ? Math.min(FIRST_RECORD, subjectIds.size())
            : 1 + random.nextInt(Math.min(3, subjectIds.size()));
    int from = first ? 0 : random.nextInt(subjectIds.size());
    for (int i = 0; i < about; i++) {
      json.writeString(subjectIds.get((from + i) % subjectIds.size()));
    }
    json.writeEndArray();
    json.writeObjectFieldStart("fields");
    json.writeStringField("summary", summary(category));
    if (category.equals("PNR")) {
      json.writeStringField("flight", "LH " + (100 + random.nextInt(900)));
      json.writeStringField("travel_date", opened.plusDays(random.nextInt(200)).toString());
    }
    json.writeEndObject();
    if (random.nextBoolean()) {
      json.writeStringField("body", "Reported by a confidential source; corroborated in part.");
    }
    json.writeStringField("tlp", first ? "AMBER" : pick(TLPS));
    int handling = first ? 10 : random.nextInt(20);
    String code = handling < 3 ? "H0" : handling < 6 ? "H1" : handling < 19 ? "H2" : "H3";
    json.writeStringField("handling", code);
    if (code.equals("H3")) {
      json.writeStringField("handlingConditions", "Not to be used in court without consent.");
    }
    json.writeStringField(
        "evaluation", "ABCX".charAt(random.nextInt(4)) + "" + (1 + random.nextInt(4)));
    json.writeStringField("retainUntil", opened.plusYears(10).toString());
    json.writeEndObject();
  }

  private void writeOperation(JsonGenerator json, String id, String caseNumber, int office)
      throws IOException {
    double[] place = OFFICE_PLACES[office];
    LocalDate day = LocalDate.of(2027, 1, 1).plusDays(random.nextInt(365));
    int hour = 4 + random.nextInt(14);
    int hours = 2 + random.nextInt(7);
    String offset = OFFICE_OFFSETS[office];
    json.writeStartObject();
    json.writeStringField("kind", "operation");
    json.writeStringField("id", id);
    json.writeStringField("case", caseNumber);
    json.writeStringField("type", pick(OPERATION_TYPES));
    json.writeNumberField("latitude", round(place[0] + (random.nextDouble() - 0.5) * 0.4));
    json.writeNumberField("longitude", round(place[1] + (random.nextDouble() - 0.5) * 0.4));
    json.writeNumberField("radiusMetres", 50 + 50 * random.nextInt(10));
    OffsetDateTime start = day.atTime(hour, 0).atOffset(ZoneOffset.of(offset));
    json.writeStringField("start", start.toString());
    json.writeStringField("end", start.plusHours(hours).toString());
    json.writeEndObject();
  }

  /** A name as written in a record, and its ASCII form for e-mail addresses. */
  private record PersonName(String written, String ascii) {}

  private PersonName personName() {
    if (random.nextInt(10) < 7) {
      String given = pick(NamePool.LATIN_GIVEN);
      String family = pick(NamePool.LATIN_FAMILY);
      return new PersonName(given + " " + family, given + "." + family);
    }
    int g = random.nextInt(NamePool.SLAVIC_GIVEN.size());
    NamePool.Slavic given = NamePool.SLAVIC_GIVEN.get(g);
    NamePool.Slavic family = pick(NamePool.SLAVIC_FAMILY);
    boolean female = given.cyrillic().endsWith("а") || given.cyrillic().endsWith("я");
    String latinGiven = given.latin(random);
    String latinFamily = family.latin(random) + (female ? "a" : "");
    String ascii = latinGiven + "." + latinFamily;
    int form = random.nextInt(3);
    String written =
        switch (form) {
          case 0 -> given.cyrillic() + " " + family.cyrillic() + (female ? "а" : "");
          case 1 -> latinFamily.toUpperCase(Locale.ROOT) + " " + latinGiven;
          default -> latinGiven + " " + latinFamily;
        };
    return new PersonName(written, ascii);
  }

  private String email(String asciiName) {
    return asciiName.toLowerCase(Locale.ROOT)
        + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(10_000)))
        + "@"
        + pick(MAIL_DOMAINS);
  }

  private String document() {
    return Character.toString('A' + random.nextInt(26))
        + String.format("%08d", random.nextInt(100_000_000));
  }

  private String plate() {
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      p.append(pick(PLATE_LETTERS));
    }
    return p.append('-').append(String.format("%04d", random.nextInt(10_000))).toString();
  }

  private String summary(String category) {
    return switch (category) {
      case "INTERCEPT" -> "Intercepted calls arranging a delivery";
      case "FINANCIAL" -> "Structured cash deposits below the reporting threshold";
      case "PNR" -> "Travel booked with cash two days before departure";
      case "SEIZURE" -> (1 + random.nextInt(40)) + " kg seized in a vehicle compartment";
      case "INTERDICTION" -> "Hidden compartment found at the port of entry";
      case "ARREST" -> "Arrested during a controlled delivery";
      case "CASE_SUMMARY" -> "Distribution cell supplying several cities";
      case "INTELLIGENCE" -> "Linked to a transnational trafficking network";
      default -> "Courier moving shipments for a distribution cell";
    };
  }

  private static double round(double degrees) {
    return Math.round(degrees * 1e5) / 1e5;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Running counts and the probe sample (reservoir sampling: constant memory). */
  private final class Counts {
    final int wanted;
    final List<Probe> probes = new ArrayList<>();
    long seen;
    long lines;
    long cases;
    long subjects;
    long persons;
    long records;
    long operations;

    Counts(int wanted) {
      this.wanted = wanted;
    }

    void offer(Probe probe, Random random) {
      seen++;
      if (probes.size() < wanted) {
        probes.add(probe);
      } else if (wanted > 0) {
        long slot = (long) (random.nextDouble() * seen);
        if (slot < wanted) {
          probes.set((int) slot, probe);
        }
      }
    }
  }
}
