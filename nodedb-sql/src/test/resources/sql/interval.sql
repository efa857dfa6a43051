-- The INTERVAL type: literals, text output (IntervalStyle postgres), arithmetic, comparison, casts, functions, columns.
SELECT INTERVAL '1 day 2 hours', INTERVAL '3 months', INTERVAL '-5 seconds', INTERVAL '1 year 2 mons 3 days 04:05:06.5';
> ?column? | ?column? | ?column? | ?column?
> 1 day 02:00:00 | 3 mons | -00:00:05 | 1 year 2 mons 3 days 04:05:06.5
> (1 row)

SELECT INTERVAL '5m', INTERVAL '1h', INTERVAL 'PT5M', INTERVAL 'P1Y2M3DT4H5M6S', INTERVAL '2 weeks', INTERVAL '0';
> ?column? | ?column? | ?column? | ?column? | ?column? | ?column?
> 00:05:00 | 01:00:00 | 00:05:00 | 1 year 2 mons 3 days 04:05:06 | 14 days | 00:00:00
> (1 row)

SELECT INTERVAL '1.5 days', INTERVAL '1.5 months', INTERVAL '1.5 years', INTERVAL '90 minutes', INTERVAL '1 day ago';
> ?column? | ?column? | ?column? | ?column? | ?column?
> 1 day 12:00:00 | 1 mon 15 days | 1 year 6 mons | 01:30:00 | -1 days
> (1 row)

SELECT INTERVAL '1' DAY, INTERVAL '90' MINUTE, INTERVAL '1-2' YEAR TO MONTH, INTERVAL '1 day 2:03:04' HOUR TO MINUTE,
  INTERVAL '2.5' SECOND, INTERVAL '3 days 4 hours' DAY;
> ?column? | ?column? | ?column? | ?column? | ?column? | ?column?
> 1 day | 01:30:00 | 1 year 2 mons | 1 day 02:03:00 | 00:00:02.5 | 3 days
> (1 row)

SELECT CAST('1 day 02:03:04' AS INTERVAL DAY TO SECOND), '5 hours'::INTERVAL HOUR;
> interval | interval
> 1 day 02:03:04 | 05:00:00
> (1 row)

SELECT INTERVAL '-1 day +2 hours', INTERVAL '1 day -02:00:00', INTERVAL '-1 year -2 mons +3 days', INTERVAL '1 2:03';
> ?column? | ?column? | ?column? | ?column?
> -1 days +02:00:00 | 1 day -02:00:00 | -1 years -2 mons +3 days | 1 day 02:03:00
> (1 row)

SELECT TIMESTAMP '2024-03-01 12:00' - TIMESTAMP '2024-02-28', TIMESTAMP '2024-01-01' - TIMESTAMP '2024-01-02 01:00';
> ?column? | ?column?
> 2 days 12:00:00 | -1 days -01:00:00
> (1 row)

SELECT INTERVAL '1 day' + INTERVAL '2 hours', INTERVAL '1 mon' - INTERVAL '1 day', -INTERVAL '1 day 02:00';
> ?column? | ?column? | ?column?
> 1 day 02:00:00 | 1 mon -1 days | -1 days -02:00:00
> (1 row)

SELECT INTERVAL '1 hour' * 2.5, 3 * INTERVAL '1 mon 1 day', INTERVAL '1 mon' / 2, INTERVAL '1 day' / 3;
> ?column? | ?column? | ?column? | ?column?
> 02:30:00 | 3 mons 3 days | 15 days | 08:00:00
> (1 row)

SELECT TIMESTAMP '2024-01-31' + INTERVAL '1 month', INTERVAL '1 day' + TIMESTAMP '2024-01-01',
  TIMESTAMP '2024-03-31' - INTERVAL '1 mon 1 hour';
> ?column? | ?column? | ?column?
> 2024-02-29T00:00:00Z | 2024-01-02T00:00:00Z | 2024-02-28T23:00:00Z
> (1 row)

SELECT TIMESTAMP '2024-03-01' - '1 day', '2 hours' + TIMESTAMP '2024-03-01', TIMESTAMP '2024-03-01' - '2024-02-01',
  INTERVAL '1 day' - '1 hour', TIME '10:00' + '30 minutes';
> ?column? | ?column? | ?column? | ?column? | ?column?
> 2024-02-29T00:00:00Z | 2024-03-01T02:00:00Z | 29 days | 1 day -01:00:00 | 10:30:00
> (1 row)

SELECT '2024-03-01' + INTERVAL '1 day', '1 day' + INTERVAL '1 hour';
> ?column? | ?column?
> 2024-03-02T00:00:00Z | 1 day 01:00:00
> (1 row)

SELECT TIMESTAMP '2024-03-01' - 'yesterday';
> ERROR 22007: invalid input syntax for type TIMESTAMP: "yesterday" (at position 33)

SELECT INTERVAL '1 day' = INTERVAL '24 hours', INTERVAL '1 mon' = INTERVAL '30 days', INTERVAL '1 hour' < INTERVAL '59 minutes',
  INTERVAL '2 days' > INTERVAL '1 day 23:59:59';
> ?column? | ?column? | ?column? | ?column?
> true | true | false | true
> (1 row)

SELECT '1 day 02:00:00'::INTERVAL, CAST(INTERVAL '3 mons' AS TEXT), '-00:00:05'::INTERVAL, typeof(INTERVAL '1 day');
> interval | text | interval | typeof
> 1 day 02:00:00 | 3 mons | -00:00:05 | INTERVAL
> (1 row)

SELECT extract(epoch FROM INTERVAL '1 day 2 hours'), extract(day FROM INTERVAL '1 day 2 hours'),
  extract(hour FROM INTERVAL '1 day 26 hours'), extract(minute FROM INTERVAL '-90 minutes'),
  extract(second FROM INTERVAL '1 minute 5.25 seconds'), date_part('year', INTERVAL '14 months'),
  extract(month FROM INTERVAL '14 months'), extract(epoch FROM INTERVAL '1 year 1 mon');
> extract | extract | extract | extract | extract | date_part | extract | extract
> 93600 | 1 | 26 | -30 | 5.25 | 1 | 2 | 34149600
> (1 row)

SELECT date_trunc('hour', INTERVAL '2 days 03:45:10'), date_trunc('year', INTERVAL '15 months 3 days'),
  date_trunc('quarter', INTERVAL '-5 months'), date_trunc('second', INTERVAL '-00:00:01.75');
> date_trunc | date_trunc | date_trunc | date_trunc
> 2 days 03:00:00 | 1 year | -3 mons | -00:00:01
> (1 row)

SELECT date_trunc('week', INTERVAL '10 days');
> ERROR 0A000: unit "week" not supported for type INTERVAL

SELECT justify_days(INTERVAL '35 days'), justify_hours(INTERVAL '27 hours'), justify_interval(INTERVAL '1 mon -1 hour'),
  justify_days(INTERVAL '-35 days');
> justify_days | justify_hours | justify_interval | justify_days
> 1 mon 5 days | 1 day 03:00:00 | 29 days 23:00:00 | -1 mons -5 days
> (1 row)

SELECT make_interval(1, 2, 1, 3, 4, 5, 6.5), make_interval(0, 0, 0, 10), make_interval();
> make_interval | make_interval | make_interval
> 1 year 2 mons 10 days 04:05:06.5 | 10 days | 00:00:00
> (1 row)

SELECT age(TIMESTAMP '2024-03-31', TIMESTAMP '2024-02-29'), age(TIMESTAMP '2024-02-29', TIMESTAMP '2024-03-31'),
  age(TIMESTAMP '2025-06-15 10:00', TIMESTAMP '2024-01-20 12:30');
> age | age | age
> 1 mon 2 days | -1 mons -2 days | 1 year 4 mons 25 days 21:30:00
> (1 row)

SELECT * FROM generate_series(TIMESTAMP '2024-01-31', TIMESTAMP '2024-05-01', INTERVAL '1 month');
> generate_series
> 2024-01-31T00:00:00Z
> 2024-02-29T00:00:00Z
> 2024-03-29T00:00:00Z
> 2024-04-29T00:00:00Z
> (4 rows)

SELECT g, g - INTERVAL '1 hour' AS before FROM generate_series(DATE '2024-03-02', '2024-03-01', INTERVAL '-12 hours') AS g;
> g | before
> 2024-03-02T00:00:00Z | 2024-03-01T23:00:00Z
> 2024-03-01T12:00:00Z | 2024-03-01T11:00:00Z
> 2024-03-01T00:00:00Z | 2024-02-29T23:00:00Z
> (3 rows)

SELECT * FROM generate_series(TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-02', INTERVAL '0 days');
> ERROR 22023: step size cannot equal zero

SELECT date_bin(INTERVAL '15 minutes', TIMESTAMP '2024-03-01 10:38:20', TIMESTAMP '2024-01-01'),
  date_bin(INTERVAL '1 day', TIMESTAMP '2024-03-01 10:38', TIMESTAMP '2024-03-05 06:00'),
  date_bin('2 hours', TIMESTAMP '2024-03-01 10:38', TIMESTAMP '2000-01-01 00:30');
> date_bin | date_bin | date_bin
> 2024-03-01T10:30:00Z | 2024-03-01T06:00:00Z | 2024-03-01T10:30:00Z
> (1 row)

SELECT date_bin(INTERVAL '1 month', TIMESTAMP '2024-03-01', TIMESTAMP '2024-01-01');
> ERROR 0A000: timestamps cannot be binned into intervals containing months or years

SELECT date_bin(INTERVAL '-1 hour', TIMESTAMP '2024-03-01', TIMESTAMP '2024-01-01');
> ERROR 22023: stride must be greater than zero

CREATE COLLECTION jobs STRICT (id INT PRIMARY KEY, took INTERVAL NOT NULL);
> CREATE COLLECTION

INSERT INTO jobs VALUES (1, INTERVAL '90 minutes'), (2, '1 day'), (3, '24 hours'), (4, '00:00:30'), (5, '1 mon');
> INSERT 0 5

SELECT id, took FROM jobs ORDER BY took, id;
> id | took
> 4 | 00:00:30
> 1 | 01:30:00
> 2 | 1 day
> 3 | 24:00:00
> 5 | 1 mon
> (5 rows)

SELECT took, count(*) FROM jobs GROUP BY took ORDER BY took;
> took | count
> 00:00:30 | 1
> 01:30:00 | 1
> 1 day | 2
> 1 mon | 1
> (4 rows)

SELECT DISTINCT took FROM jobs WHERE took >= INTERVAL '1 day' ORDER BY took;
> took
> 1 day
> 1 mon
> (2 rows)

SELECT sum(extract(epoch FROM took)) AS seconds, max(took), min(took) FROM jobs;
> seconds | max | min
> 2770230 | 1 mon | 00:00:30
> (1 row)

SELECT id, took * 2 AS doubled FROM jobs WHERE took < '1 hour' ORDER BY id;
> id | doubled
> 4 | 00:01:00
> (1 row)

CREATE INDEX jobs_took ON jobs (took);
> CREATE INDEX

SELECT id FROM jobs WHERE took = INTERVAL '86400 seconds' ORDER BY id;
> id
> 2
> 3
> (2 rows)

SELECT id FROM jobs WHERE took > '1 hour' AND took <= '30 days' ORDER BY id;
> id
> 1
> 2
> 3
> 5
> (4 rows)

EXPLAIN SELECT id FROM jobs WHERE took > '1 hour' AND took <= '30 days';
> QUERY PLAN
> Project (1 columns)
> ->  Filter ((took > '1 hour') AND (took <= '30 days'))
>   ->  Index Range Scan on jobs using jobs_took (took > '1 hour' AND took <= '30 days')
> (3 rows)

DESCRIBE jobs;
> column | type | nullable | default | primary_key
> id | BIGINT | false | NULL | true
> took | INTERVAL | false | NULL | false
> (2 rows)

INSERT INTO jobs VALUES (6, 'later');
> ERROR 22007: invalid input syntax for type INTERVAL: "later"

INSERT INTO jobs VALUES (6, 5);
> ERROR 42804: column "took" is of type INTERVAL but the value is of type BIGINT

CREATE COLLECTION notes;
> CREATE COLLECTION

INSERT INTO notes { id: 1, wait: INTERVAL '2 hours 30 minutes' };
> INSERT 0 1

SELECT wait, typeof(wait), wait + INTERVAL '30 minutes' FROM notes WHERE wait > '2 hours';
> wait | typeof | ?column?
> 02:30:00 | INTERVAL | 03:00:00
> (1 row)

SELECT INTERVAL 'soon';
> ERROR 22007: invalid input syntax for type INTERVAL: "soon" (at position 8)

SELECT INTERVAL '1 day 25:61:00';
> ERROR 22008: interval field value out of range: "1 day 25:61:00" (at position 8)

SELECT INTERVAL '3000000000 days';
> ERROR 22008: interval field value out of range: "3000000000 days" (at position 8)

SELECT 'fortnight'::INTERVAL;
> ERROR 22007: invalid input syntax for type INTERVAL: "fortnight" (at position 19)

SELECT INTERVAL '1 day' * 'x';
> ERROR 42883: operator does not exist: INTERVAL * TEXT (at position 25)

SELECT INTERVAL '1 day' + 1;
> ERROR 42883: operator does not exist: INTERVAL + BIGINT (at position 25)

SELECT INTERVAL '1 day' / 0;
> ERROR 22012: division by zero

-- sum and avg of intervals, as in PostgreSQL (avg divides months, days and time apart)
CREATE TABLE shifts (id INT PRIMARY KEY, crew TEXT, took INTERVAL);
> CREATE COLLECTION

INSERT INTO shifts VALUES (1, 'a', '1 hour 30 minutes'), (2, 'a', '2 hours'), (3, 'b', '1 day'), (4, 'b', NULL), (5, 'b', '1 mon');
> INSERT 0 5

SELECT crew, sum(took), avg(took) FROM shifts GROUP BY crew ORDER BY crew;
> crew | sum | avg
> a | 03:30:00 | 01:45:00
> b | 1 mon 1 day | 15 days 12:00:00
> (2 rows)

SELECT sum(x) FROM (VALUES (INTERVAL '1 hour'), (NULL)) v (x);
> sum
> 01:00:00
> (1 row)

SELECT sum(x) FROM (VALUES (1), (2)) v (x) WHERE x > 5;
> sum
> NULL
> (1 row)

SELECT sum(CASE WHEN id = 1 THEN took END) FROM shifts;
> sum
> 01:30:00
> (1 row)

CREATE COLLECTION mixed;
> CREATE COLLECTION

INSERT INTO mixed [{ id: 'a', d: INTERVAL '1 hour' }, { id: 'b', d: 5 }];
> INSERT 0 2

SELECT sum(d) FROM mixed;
> ERROR 42804: function sum does not accept BIGINT after INTERVAL values
