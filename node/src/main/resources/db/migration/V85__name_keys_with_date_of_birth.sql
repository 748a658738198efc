-- A lookup by name and date of birth reads only the persons born that day: the date sits beside
-- each name key and in its index, so a common name (thousands of persons at a national agency) is
-- not read and graded person by person (docs/decisions/0010-scale.md).
ALTER TABLE subject_name_keys ADD COLUMN date_of_birth DATE;
UPDATE subject_name_keys k
   SET date_of_birth = (SELECT s.date_of_birth FROM subjects s WHERE s.id = k.subject_id);
DROP INDEX ix_subject_name_keys_key;
CREATE INDEX ix_subject_name_keys_key_dob ON subject_name_keys (name_key, date_of_birth);
