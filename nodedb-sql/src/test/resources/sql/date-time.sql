-- DATE and TIME: literals, casts, arithmetic, extract, date_trunc, comparison and ordering, strict columns.
SELECT DATE '2024-01-31', TIME '10:20:30.5', DATE '0044-03-15 BC', TIME '24:00', typeof(DATE '2024-01-31');
> date | time | date | time | typeof
> 2024-01-31 | 10:20:30.5 | 0044-03-15 BC | 24:00:00 | DATE
> (1 row)

SELECT DATE '2024-01-31' + 1, 30 + DATE '2024-02-01', DATE '2024-03-01' - 1, DATE '2024-03-01' - DATE '2024-02-01';
> ?column? | ?column? | ?column? | ?column?
> 2024-02-01 | 2024-03-02 | 2024-02-29 | 29
> (1 row)

SELECT DATE '2024-01-31' + INTERVAL '1 month', DATE '2024-03-01' - INTERVAL '1 hour', DATE '2024-01-31' + TIME '10:30';
> ?column? | ?column? | ?column?
> 2024-02-29T00:00:00Z | 2024-02-29T23:00:00Z | 2024-01-31T10:30:00Z
> (1 row)

SELECT DATE '2024-03-01' - '2024-02-01', DATE '2024-03-01' - '1 day', TIME '18:00' - '09:30';
> ?column? | ?column? | ?column?
> 29 | 2024-02-29T00:00:00Z | 08:30:00
> (1 row)

SELECT TIME '23:30' + INTERVAL '45 minutes', TIME '10:00' - INTERVAL '11 hours', TIME '18:15' - TIME '09:00';
> ?column? | ?column? | ?column?
> 00:15:00 | 23:00:00 | 09:15:00
> (1 row)

SELECT TIMESTAMP '2024-03-01 06:00' - DATE '2024-02-28', DATE '2024-03-01' = TIMESTAMP '2024-03-01',
  DATE '2024-03-01' < TIMESTAMP '2024-03-01 00:00:01';
> ?column? | ?column? | ?column?
> 2 days 06:00:00 | true | true
> (1 row)

SELECT '2024-02-29'::DATE, CAST(TIMESTAMP '2024-02-29 23:59:59' AS DATE), '2024-02-29 10:20:30'::DATE,
  CAST(DATE '2024-02-29' AS TIMESTAMP), CAST(DATE '2024-02-29' AS TEXT);
> date | date | date | timestamp | text
> 2024-02-29 | 2024-02-29 | 2024-02-29 | 2024-02-29T00:00:00Z | 2024-02-29
> (1 row)

SELECT '07:08:09'::TIME, CAST(TIMESTAMP '2024-02-29 23:59:59.25' AS TIME), CAST(TIME '01:02:03' AS TEXT),
  CAST(TIME '01:30' AS INTERVAL);
> time | time | text | interval
> 07:08:09 | 23:59:59.25 | 01:02:03 | 01:30:00
> (1 row)

SELECT extract(year FROM DATE '2024-02-29'), extract(doy FROM DATE '2024-02-29'), extract(dow FROM DATE '2024-02-29'),
  extract(epoch FROM DATE '1970-01-02'), extract(hour FROM TIME '13:45:10.5'), extract(second FROM TIME '13:45:10.5'),
  extract(century FROM DATE '2024-02-29');
> extract | extract | extract | extract | extract | extract | extract
> 2024 | 60 | 4 | 86400 | 13 | 10.5 | 21
> (1 row)

SELECT date_trunc('month', DATE '2024-02-29'), date_trunc('week', DATE '2024-02-29'), make_date(2024, 2, 29);
> date_trunc | date_trunc | make_date
> 2024-02-01T00:00:00Z | 2024-02-26T00:00:00Z | 2024-02-29
> (1 row)

SELECT make_date(-44, 3, 15), make_date(2024, 12, 31) + 1;
> make_date | ?column?
> 0044-03-15 BC | 2025-01-01
> (1 row)

SELECT make_time(8, 15, 23.5), make_time(24, 0, 0);
> make_time | make_time
> 08:15:23.5 | 24:00:00
> (1 row)

SELECT make_time(23, 60, 0);
> ERROR 22008: time field value out of range: 23:60:0

SELECT make_date(2023, 2, 29);
> ERROR 22008: date field value out of range: 2023-2-29

SELECT make_date(0, 1, 1);
> ERROR 22008: date field value out of range: 0-1-1

SELECT current_date = CAST(now() AS DATE), current_time = CAST(now() AS TIME), typeof(current_date),
  typeof(localtime);
> ?column? | ?column? | typeof | typeof
> true | true | DATE | TIME
> (1 row)

CREATE COLLECTION shifts STRICT (id INT PRIMARY KEY, day DATE NOT NULL, starts TIME, ends TIME);
> CREATE COLLECTION

INSERT INTO shifts VALUES (1, '2024-03-02', '09:00', '17:30'), (2, DATE '2024-02-29', TIME '22:00', '06:00'),
  (3, TIMESTAMP '2024-03-01 12:00', NULL, NULL), (4, '2024-02-29', '08:00', '12:00');
> INSERT 0 4

SELECT id, day, starts, ends, ends - starts AS length FROM shifts ORDER BY day, starts, id;
> id | day | starts | ends | length
> 4 | 2024-02-29 | 08:00:00 | 12:00:00 | 04:00:00
> 2 | 2024-02-29 | 22:00:00 | 06:00:00 | -16:00:00
> 3 | 2024-03-01 | NULL | NULL | NULL
> 1 | 2024-03-02 | 09:00:00 | 17:30:00 | 08:30:00
> (4 rows)

SELECT day, count(*) FROM shifts GROUP BY day ORDER BY day DESC;
> day | count
> 2024-03-02 | 1
> 2024-03-01 | 1
> 2024-02-29 | 2
> (3 rows)

SELECT id FROM shifts WHERE day BETWEEN '2024-03-01' AND DATE '2024-03-31' AND (starts IS NULL OR starts < '10:00')
  ORDER BY id;
> id
> 1
> 3
> (2 rows)

SELECT max(day), min(starts), max(day) - min(day) AS span FROM shifts;
> max | min | span
> 2024-03-02 | 08:00:00 | 2
> (1 row)

DESCRIBE shifts;
> column | type | nullable | default | primary_key
> id | BIGINT | false | NULL | true
> day | DATE | false | NULL | false
> starts | TIME | true | NULL | false
> ends | TIME | true | NULL | false
> (4 rows)

CREATE INDEX shifts_day ON shifts (day);
> CREATE INDEX

INSERT INTO shifts VALUES (6, '1969-07-20', '20:17', NULL), (7, '1066-10-14', NULL, NULL);
> INSERT 0 2

SELECT id, day FROM shifts WHERE day < '2024-03-01' ORDER BY day;
> id | day
> 7 | 1066-10-14
> 6 | 1969-07-20
> 2 | 2024-02-29
> 4 | 2024-02-29
> (4 rows)

EXPLAIN SELECT id FROM shifts WHERE day BETWEEN '1000-01-01' AND '1970-01-01';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (day BETWEEN '1000-01-01' AND '1970-01-01')
>   ->  Index Range Scan on shifts using shifts_day (day >= '1000-01-01' AND day <= '1970-01-01')
> (3 rows)

SELECT id FROM shifts WHERE day BETWEEN '1000-01-01' AND '1970-01-01' ORDER BY id;
> id
> 6
> 7
> (2 rows)

INSERT INTO shifts VALUES (5, '2024-02-30', NULL, NULL);
> ERROR 22008: date/time field value out of range: "2024-02-30"

INSERT INTO shifts VALUES (5, 'tomorrow', NULL, NULL);
> ERROR 22007: invalid input syntax for type DATE: "tomorrow"

INSERT INTO shifts VALUES (5, 20240301, NULL, NULL);
> ERROR 42804: column "day" is of type DATE but the value is of type BIGINT

CREATE COLLECTION events;
> CREATE COLLECTION

INSERT INTO events { id: 1, due: DATE '2024-05-01', at: TIME '12:00' };
> INSERT 0 1

SELECT due, at, typeof(due), due + 1, due + at = TIMESTAMP '2024-05-01 12:00' FROM events WHERE due > '2024-04-30';
> due | at | typeof | ?column? | ?column?
> 2024-05-01 | 12:00:00 | DATE | 2024-05-02 | true
> (1 row)

SELECT DATE '2024-13-01';
> ERROR 22008: date/time field value out of range: "2024-13-01" (at position 8)

SELECT DATE 'soon';
> ERROR 22007: invalid input syntax for type DATE: "soon" (at position 8)

SELECT TIME '25:00';
> ERROR 22008: date/time field value out of range: "25:00" (at position 8)

SELECT '12:3x'::TIME;
> ERROR 22007: invalid input syntax for type TIME: "12:3x" (at position 15)

SELECT DATE '2024-01-01' + DATE '2024-01-02';
> ERROR 42883: operator does not exist: DATE + DATE (at position 26)

SELECT DATE '2024-01-01' * 2;
> ERROR 42883: operator does not exist: DATE * BIGINT (at position 26)

SELECT extract(hour FROM DATE '2024-01-01');
> ERROR 0A000: unit "hour" not supported for type DATE

CREATE COLLECTION bad STRICT (at TIME WITH TIME ZONE);
> ERROR 0A000: type TIME WITH TIME ZONE is not supported; use TIME or TIMESTAMP (at position 34)

-- to_char with PostgreSQL's template patterns (UTC)
SELECT to_char(TIMESTAMP '2024-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.US') AS iso, to_char(TIMESTAMP '2024-03-05 14:07:09.123456', 'HH12:MI:SS.MS am TZ') AS clock;
> iso | clock
> 2024-03-05 14:07:09.123456 | 02:07:09.123 pm UTC
> (1 row)

SELECT to_char(TIMESTAMP '2024-03-05 14:07:09', 'Day, DD Month YYYY') AS padded, to_char(TIMESTAMP '2024-03-05 14:07:09', 'FMDay, FMDD FMMonth YYYY') AS filled;
> padded | filled
> Tuesday  , 05 March     2024 | Tuesday, 5 March 2024
> (1 row)

SELECT to_char(TIMESTAMP '2024-03-05 14:07:09', 'Mon mon MON dy DY "Quarter" Q "week" IW "day" DDD D ID') AS names;
> names
> Mar mar MAR tue TUE Quarter 1 week 10 day 065 3 2
> (1 row)

SELECT to_char(DATE '2024-12-31', 'YYYY/MM/DD') AS d, to_char(TIME '08:05:00', 'HH12:MI PM') AS t;
> d | t
> 2024/12/31 | 08:05 AM
> (1 row)

SELECT to_char(TRUE, '999');
> ERROR 42883: function to_char(BOOL, TEXT) does not exist (numbers, dates, times and timestamps only)
