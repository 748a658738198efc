-- Person matching (docs/matching.md, decision 0014): the keys of a name changed (initials and
-- patronymics add none; feminine forms are marked), so stored keys are recomputed at start-up
-- by PersonKeyRefresh while this table says they are of an older version.
CREATE TABLE person_key_version (
  id       INT NOT NULL PRIMARY KEY,
  version  INT NOT NULL,
  CONSTRAINT ck_person_key_version_one CHECK (id = 1)
);
INSERT INTO person_key_version (id, version) VALUES (1, 1);

-- Candidates below HIGH (initials, typing and gender variants) are found by date of birth.
CREATE INDEX ix_subjects_dob ON subjects (date_of_birth);
