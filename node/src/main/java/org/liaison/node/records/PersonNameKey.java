package org.liaison.node.records;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One index key of a person's name (see {@code PersonKeys}) with the person's date of birth beside
 * it, so that a lookup by name and date reads only the persons born that day, however common the
 * name (docs/decisions/0010-scale.md).
 */
@Embeddable
public class PersonNameKey {
  @Column(name = "name_key", nullable = false)
  private String nameKey;

  @Column(name = "date_of_birth")
  private LocalDate dateOfBirth;

  protected PersonNameKey() {}

  PersonNameKey(String key, LocalDate dateOfBirth) {
    this.nameKey = key;
    this.dateOfBirth = dateOfBirth;
  }

  public String getNameKey() {
    return nameKey;
  }

  public LocalDate getDateOfBirth() {
    return dateOfBirth;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PersonNameKey k
        && nameKey.equals(k.nameKey)
        && Objects.equals(dateOfBirth, k.dateOfBirth);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nameKey, dateOfBirth);
  }
}
