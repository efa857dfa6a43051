-- Session time zones: SET / SHOW / RESET TIME ZONE, timestamp text in the session zone, wall-clock input read in
-- it (DST gaps take the offset before the jump, repeated hours the one after), and the zone-dependent functions.
-- Raw timestamps render as the instant in UTC (2024-03-01T12:00:00Z); ::text shows what a client sees.
SHOW timezone;
> timezone
> UTC
> (1 row)

SELECT TIMESTAMP '2024-03-01 12:00'::text, CAST(TIMESTAMP '2024-03-01 12:00:00.25' AS TEXT);
> text | text
> 2024-03-01 12:00:00+00 | 2024-03-01 12:00:00.25+00
> (1 row)

SET TIME ZONE 'Europe/Berlin';
> SET

SHOW timezone;
> timezone
> Europe/Berlin
> (1 row)

SELECT TIMESTAMP '2024-03-01 12:00', TIMESTAMP '2024-03-01 12:00'::text, '2024-07-01 12:00'::TIMESTAMP::text;
> timestamp | text | text
> 2024-03-01T11:00:00Z | 2024-03-01 12:00:00+01 | 2024-07-01 12:00:00+02
> (1 row)

-- Text with an offset or a zone name keeps it.
SELECT '2024-03-01 12:00+05:30'::TIMESTAMP::text, '2024-03-01 12:00Z'::TIMESTAMP::text,
  '2024-03-01 12:00 America/New_York'::TIMESTAMP::text, '2024-03-01T12:00:00.5-03'::TIMESTAMP::text;
> text | text | text | text
> 2024-03-01 07:30:00+01 | 2024-03-01 13:00:00+01 | 2024-03-01 18:00:00+01 | 2024-03-01 16:00:00.5+01
> (1 row)

-- 2024-03-31: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist and is read with the offset before the jump.
SELECT '2024-03-31 01:59:59'::TIMESTAMP::text, '2024-03-31 02:30'::TIMESTAMP::text, '2024-03-31 03:00'::TIMESTAMP::text;
> text | text | text
> 2024-03-31 01:59:59+01 | 2024-03-31 03:30:00+02 | 2024-03-31 03:00:00+02
> (1 row)

-- 2024-10-27: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice and is read with the offset after it.
SELECT TIMESTAMP '2024-10-27 00:30Z'::text, TIMESTAMP '2024-10-27 01:30Z'::text, '2024-10-27 02:30'::TIMESTAMP::text;
> text | text | text
> 2024-10-27 02:30:00+02 | 2024-10-27 02:30:00+01 | 2024-10-27 02:30:00+01
> (1 row)

-- A day or a month keeps the wall-clock time across a change; 24 hours do not.
SELECT (TIMESTAMP '2024-03-30 12:00' + INTERVAL '1 day')::text, (TIMESTAMP '2024-03-30 12:00' + INTERVAL '24 hours')::text,
  TIMESTAMP '2024-03-31 12:00' - TIMESTAMP '2024-03-30 12:00';
> text | text | ?column?
> 2024-03-31 12:00:00+02 | 2024-03-31 13:00:00+02 | 23:00:00
> (1 row)

SELECT (TIMESTAMP '2024-02-29 12:00' + INTERVAL '1 month')::text, (TIMESTAMP '2024-10-26 02:30' + INTERVAL '1 day')::text,
  (TIMESTAMP '2024-03-31 03:30' - INTERVAL '1 day')::text;
> text | text | text
> 2024-03-29 12:00:00+01 | 2024-10-27 02:30:00+01 | 2024-03-30 03:30:00+01
> (1 row)

SELECT g::text FROM generate_series(TIMESTAMP '2024-03-30 12:00', TIMESTAMP '2024-04-01 12:00', INTERVAL '1 day') AS g;
> g
> 2024-03-30 12:00:00+01
> 2024-03-31 12:00:00+02
> 2024-04-01 12:00:00+02
> (3 rows)

-- date_trunc and extract read the wall clock of the session zone.
SELECT date_trunc('day', TIMESTAMP '2024-03-01 23:30Z')::text, date_trunc('month', TIMESTAMP '2024-03-31 22:30Z')::text,
  date_trunc('day', TIMESTAMP '2024-03-31 12:00')::text;
> date_trunc | date_trunc | date_trunc
> 2024-03-02 00:00:00+01 | 2024-04-01 00:00:00+02 | 2024-03-31 00:00:00+01
> (1 row)

SELECT date_trunc('hour', TIMESTAMP '2024-10-27 00:30Z')::text, date_trunc('hour', TIMESTAMP '2024-10-27 01:30Z')::text,
  date_trunc('day', TIMESTAMP '2024-03-01 03:00Z', 'Asia/Tokyo')::text;
> date_trunc | date_trunc | date_trunc
> 2024-10-27 02:00:00+02 | 2024-10-27 02:00:00+01 | 2024-02-29 16:00:00+01
> (1 row)

SELECT extract(hour FROM TIMESTAMP '2024-03-01 23:30Z'), extract(day FROM TIMESTAMP '2024-03-01 23:30Z'),
  extract(dow FROM TIMESTAMP '2024-03-02 23:30Z'), date_part('month', TIMESTAMP '2024-03-31 22:30Z'),
  extract(epoch FROM TIMESTAMP '1970-01-01 01:00'), extract(timezone FROM TIMESTAMP '2024-07-01 12:00'),
  extract(timezone_hour FROM TIMESTAMP '2024-01-01 12:00');
> extract | extract | extract | date_part | extract | extract | extract
> 0 | 2 | 0 | 4 | 0 | 7200 | 1
> (1 row)

-- Casts: a timestamp's date and time of day are the zone's; a date starts at the zone's midnight.
SELECT CAST(TIMESTAMP '2024-03-01 23:30Z' AS DATE), CAST(TIMESTAMP '2024-03-01 23:30Z' AS TIME),
  CAST(DATE '2024-03-31' AS TIMESTAMP)::text, (DATE '2024-03-31' + TIME '02:30')::text,
  (DATE '2024-03-31' + INTERVAL '3 hours')::text;
> date | time | text | text | text
> 2024-03-02 | 00:30:00 | 2024-03-31 00:00:00+01 | 2024-03-31 03:30:00+02 | 2024-03-31 03:00:00+02
> (1 row)

SELECT DATE '2024-03-02' = TIMESTAMP '2024-03-01 23:00Z', TIMESTAMP '2024-03-01 23:00Z' = '2024-03-02 00:00',
  TIMESTAMP '2024-03-01 23:00Z' < '2024-03-02 00:00:01', '2024-03-02'::TIMESTAMP = TIMESTAMP '2024-03-01 23:00Z';
> ?column? | ?column? | ?column? | ?column?
> true | true | true | true
> (1 row)

SELECT to_char(TIMESTAMP '2024-07-01 12:00Z', 'YYYY-MM-DD HH24:MI:SS TZ OF'), to_char(TIMESTAMP '2024-01-01 12:00Z', 'HH24:MI tz'),
  to_timestamp('2024-03-05 10:20', 'YYYY-MM-DD HH24:MI')::text, to_date('2024-03-05', 'YYYY-MM-DD');
> to_char | to_char | to_timestamp | to_date
> 2024-07-01 14:00:00 CEST +02 | 13:00 cet | 2024-03-05 10:20:00+01 | 2024-03-05
> (1 row)

SELECT 'at ' || TIMESTAMP '2024-03-01 12:00Z', current_date = CAST(now() AS DATE), localtime = CAST(now() AS TIME);
> ?column? | ?column? | ?column?
> at 2024-03-01 13:00:00+01 | true | true
> (1 row)

-- AT TIME ZONE gives the wall-clock time in that zone, as text (there is no timestamp without time zone).
SELECT TIMESTAMP '2024-03-01 12:00Z' AT TIME ZONE 'Asia/Tokyo', timezone('America/New_York', TIMESTAMP '2024-03-01 12:00Z'),
  '2024-03-01 12:00' AT TIME ZONE 'UTC', typeof(TIMESTAMP '2024-03-01 12:00Z' AT TIME ZONE 'UTC');
> timezone | timezone | timezone | typeof
> 2024-03-01 21:00:00 | 2024-03-01 07:00:00 | 2024-03-01 11:00:00 | TEXT
> (1 row)

-- There, as in PostgreSQL, a plain number is a POSIX offset (hours west); an interval is hours east.
SELECT TIMESTAMP '2024-03-01 12:00Z' AT TIME ZONE '+2', TIMESTAMP '2024-03-01 12:00Z' AT TIME ZONE INTERVAL '+05:30',
  TIMESTAMP '2024-03-01 12:00Z' AT TIME ZONE 'utc+3';
> timezone | timezone | timezone
> 2024-03-01 10:00:00 | 2024-03-01 17:30:00 | 2024-03-01 09:00:00
> (1 row)

SELECT (TIMESTAMP '2024-03-01 12:00Z' AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Tokyo';
> ERROR 0A000: AT TIME ZONE of TEXT is not supported (only of TIMESTAMP: there is no timestamp without time zone)

SELECT TIMESTAMP '2024-03-01 12:00Z' AT TIME ZONE 'Mars/Base';
> ERROR 22023: time zone "Mars/Base" not recognized (at position 51)

-- A zone from a column is looked up per row; NULL gives NULL.
CREATE COLLECTION places STRICT (id INT PRIMARY KEY, zone TEXT);
> CREATE COLLECTION

INSERT INTO places VALUES (1, 'Asia/Kolkata'), (2, NULL), (3, 'utc-1');
> INSERT 0 3

SELECT id, TIMESTAMP '2024-03-01 12:00Z' AT TIME ZONE zone, date_trunc('day', TIMESTAMP '2024-03-01 20:00Z', zone)::text
  FROM places ORDER BY id;
> id | timezone | date_trunc
> 1 | 2024-03-01 17:30:00 | 2024-03-01 19:30:00+01
> 2 | NULL | NULL
> 3 | 2024-03-01 13:00:00 | 2024-03-01 00:00:00+01
> (3 rows)

-- A strict TIMESTAMP column stores instants: wall-clock text is read in the zone of the session that writes it.
CREATE COLLECTION meetings STRICT (id INT PRIMARY KEY, at TIMESTAMP NOT NULL);
> CREATE COLLECTION

INSERT INTO meetings VALUES (1, '2024-03-01 09:00'), (2, '2024-03-01 09:00Z'), (3, TIMESTAMP '2024-07-01 09:00');
> INSERT 0 3

SELECT id, at, at::text FROM meetings WHERE at >= '2024-03-01 09:00' ORDER BY id;
> id | at | at
> 1 | 2024-03-01T08:00:00Z | 2024-03-01 09:00:00+01
> 2 | 2024-03-01T09:00:00Z | 2024-03-01 10:00:00+01
> 3 | 2024-07-01T07:00:00Z | 2024-07-01 09:00:00+02
> (3 rows)

-- In a schemaless collection the field's type is known only per row; text meets it in the session zone too.
CREATE COLLECTION notes;
> CREATE COLLECTION

INSERT INTO notes (id, at) VALUES ('n1', TIMESTAMP '2024-03-01 12:00'), ('n2', TIMESTAMP '2024-03-01 12:00Z');
> INSERT 0 2

SELECT id, at = '2024-03-01 12:00' AS eq, at IN ('2024-03-01 12:00', '2024-01-01') AS listed,
  CASE at WHEN '2024-03-01 12:00' THEN 'noon here' ELSE 'other' END AS c, nullif(at, '2024-03-01 12:00') IS NULL AS n
  FROM notes ORDER BY id;
> id | eq | listed | c | n
> n1 | true | true | noon here | true
> n2 | false | false | other | false
> (2 rows)

SET TIME ZONE 'America/New_York';
> SET

SELECT id, at, at::text FROM meetings ORDER BY id;
> id | at | at
> 1 | 2024-03-01T08:00:00Z | 2024-03-01 03:00:00-05
> 2 | 2024-03-01T09:00:00Z | 2024-03-01 04:00:00-05
> 3 | 2024-07-01T07:00:00Z | 2024-07-01 03:00:00-04
> (3 rows)

-- A DEFAULT is read in the zone of the session that writes the row, existing rows filled included.
ALTER TABLE meetings ADD COLUMN since TIMESTAMP DEFAULT TIMESTAMP '2024-01-01 00:00';
> ALTER COLLECTION

INSERT INTO meetings (id, at) VALUES (4, '2024-03-01 09:00');
> INSERT 0 1

SELECT id, at::text, since::text FROM meetings ORDER BY id;
> id | at | since
> 1 | 2024-03-01 03:00:00-05 | 2024-01-01 00:00:00-05
> 2 | 2024-03-01 04:00:00-05 | 2024-01-01 00:00:00-05
> 3 | 2024-07-01 03:00:00-04 | 2024-01-01 00:00:00-05
> 4 | 2024-03-01 09:00:00-05 | 2024-01-01 00:00:00-05
> (4 rows)

-- 2024-03-10: 02:00 EST jumps to 03:00 EDT; 2024-11-03: 02:00 EDT falls back to 01:00 EST.
SELECT '2024-03-10 02:30'::TIMESTAMP::text, '2024-11-03 01:30'::TIMESTAMP::text, TIMESTAMP '2024-11-03 05:30Z'::text,
  (TIMESTAMP '2024-03-09 12:00' + INTERVAL '1 day')::text;
> text | text | text | text
> 2024-03-10 03:30:00-04 | 2024-11-03 01:30:00-05 | 2024-11-03 01:30:00-04 | 2024-03-10 12:00:00-04
> (1 row)

SELECT date_trunc('day', TIMESTAMP '2024-11-03 12:00')::text, extract(hour FROM TIMESTAMP '2024-11-03 06:30Z');
> date_trunc | extract
> 2024-11-03 00:00:00-04 | 1
> (1 row)

-- Half-hour zones.
SET timezone = 'Asia/Kolkata';
> SET

SELECT TIMESTAMP '2024-03-01 12:00Z'::text, date_trunc('hour', TIMESTAMP '2024-03-01 12:00Z')::text,
  extract(minute FROM TIMESTAMP '2024-03-01 12:00Z'), to_char(TIMESTAMP '2024-03-01 12:00Z', 'HH24:MI OF');
> text | date_trunc | extract | to_char
> 2024-03-01 17:30:00+05:30 | 2024-03-01 17:00:00+05:30 | 30 | 17:30 +05:30
> (1 row)

SELECT TIMESTAMP '1890-06-01 12:00Z'::text;
> text
> 1890-06-01 17:21:10+05:21:10
> (1 row)

-- Zone names are case-insensitive; SHOW spells them as the zone database does.
SET TIME ZONE 'europe/berlin';
> SET

SHOW timezone;
> timezone
> Europe/Berlin
> (1 row)

-- An unknown zone is refused and the setting stays.
SET TIME ZONE 'Mars/Base';
> ERROR 22023: invalid value for parameter "TimeZone": "Mars/Base"

SET timezone = 'Europe/Nowhere';
> ERROR 22023: invalid value for parameter "TimeZone": "Europe/Nowhere"

SHOW timezone;
> timezone
> Europe/Berlin
> (1 row)

-- A number is hours east (ISO sign), as is an INTERVAL; PostgreSQL shows them as the POSIX zone that means it.
SET TIME ZONE 2;
> SET

SHOW timezone;
> timezone
> <+02>-02
> (1 row)

SELECT TIMESTAMP '2024-03-01 12:00Z'::text;
> text
> 2024-03-01 14:00:00+02
> (1 row)

SET TIME ZONE -3.5;
> SET

SHOW timezone;
> timezone
> <-03:30>+03:30
> (1 row)

SELECT TIMESTAMP '2024-03-01 12:00Z'::text;
> text
> 2024-03-01 08:30:00-03:30
> (1 row)

SET TIME ZONE INTERVAL '+05:45' HOUR TO MINUTE;
> SET

SHOW timezone;
> timezone
> <+05:45>-05:45
> (1 row)

SELECT TIMESTAMP '2024-03-01 12:00Z'::text;
> text
> 2024-03-01 17:45:00+05:45
> (1 row)

-- A POSIX zone counts hours west of Greenwich: 'UTC+2' and '+02:00' are two hours BEHIND UTC, as in PostgreSQL.
SET TIME ZONE 'UTC+2';
> SET

SHOW timezone;
> timezone
> UTC+2
> (1 row)

SELECT TIMESTAMP '2024-03-01 12:00Z'::text;
> text
> 2024-03-01 10:00:00-02
> (1 row)

SET TIME ZONE '+02:00';
> SET

SELECT TIMESTAMP '2024-03-01 12:00Z'::text;
> text
> 2024-03-01 10:00:00-02
> (1 row)

SET TIME ZONE 'GMT-3';
> SET

SELECT TIMESTAMP '2024-03-01 12:00Z'::text;
> text
> 2024-03-01 15:00:00+03
> (1 row)

SET TIME ZONE LOCAL;
> SET

SHOW timezone;
> timezone
> UTC
> (1 row)

SET TIME ZONE 'Asia/Tokyo';
> SET

SHOW TIME ZONE;
> timezone
> Asia/Tokyo
> (1 row)

RESET TIME ZONE;
> RESET

SHOW timezone;
> timezone
> UTC
> (1 row)

SET TIME ZONE 'Asia/Tokyo';
> SET

RESET timezone;
> RESET

SELECT TIMESTAMP '2024-03-01 12:00'::text;
> text
> 2024-03-01 12:00:00+00
> (1 row)

SET TIME ZONE 'Asia/Tokyo';
> SET

SET TIME ZONE DEFAULT;
> SET

SHOW timezone;
> timezone
> UTC
> (1 row)
