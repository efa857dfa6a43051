-- to_date(text, template) and to_timestamp(text, template): text read field by field (UTC).
SELECT to_date('2024-03-05', 'YYYY-MM-DD') AS a, to_date('05/03/2024', 'DD/MM/YYYY') AS b, to_date('20240305', 'YYYYMMDD') AS c, to_date('5 Mar 2024', 'DD Mon YYYY') AS d;
> a | b | c | d
> 2024-03-05 | 2024-03-05 | 2024-03-05 | 2024-03-05
> (1 row)

SELECT to_date('March 5, 2024', 'Month DD, YYYY') AS a, to_date('Tuesday 2024-03-05', 'Day YYYY-MM-DD') AS b, to_date('2024 065', 'YYYY DDD') AS c, to_date('2460375', 'J') AS d;
> a | b | c | d
> 2024-03-05 | 2024-03-05 | 2024-03-05 | 2024-03-05
> (1 row)

SELECT to_date('24-3-5', 'YY-MM-DD') AS a, to_date('95-12-31', 'YY-MM-DD') AS b, to_date('2024/3/5', 'YYYY-MM-DD') AS c, to_date('  2024 - 03 - 05 ', 'YYYY-MM-DD') AS d;
> a | b | c | d
> 2024-03-05 | 1995-12-31 | 2024-03-05 | 2024-03-05
> (1 row)

SELECT to_timestamp('2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS') AS a, to_timestamp('05.03.2024 02:07 PM', 'DD.MM.YYYY HH12:MI AM') AS b, to_timestamp('12:00 am', 'HH:MI am') AS c;
> a | b | c
> 2024-03-05T14:07:09Z | 2024-03-05T14:07:00Z | 0001-01-01T00:00:00Z
> (1 row)

SELECT to_timestamp('2024-03-05 14:07:09.3', 'YYYY-MM-DD HH24:MI:SS.MS') AS a, to_timestamp('2024-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.US') AS b, to_timestamp('2024-03-05T14:07', 'YYYY-MM-DD"T"HH24:MI') AS c;
> a | b | c
> 2024-03-05T14:07:09.300Z | 2024-03-05T14:07:09.123456Z | 2024-03-05T14:07:00Z
> (1 row)

SELECT to_timestamp(0) AS epoch, to_char(to_timestamp('2024-03-05 14:07', 'YYYY-MM-DD HH24:MI'), 'DD Mon YYYY HH12:MI AM') AS round_trip;
> epoch | round_trip
> 1970-01-01T00:00:00Z | 05 Mar 2024 02:07 PM
> (1 row)

SELECT to_date('2024-02-30', 'YYYY-MM-DD');
> ERROR 22008: date/time field value out of range: "2024-02-30"

SELECT to_date('2024-13-01', 'YYYY-MM-DD');
> ERROR 22008: date/time field value out of range: "2024-13-01"

SELECT to_date('2024-xx-01', 'YYYY-MM-DD');
> ERROR 22007: invalid value "xx" for "MM"

SELECT to_date('2024', 'YYYY-MM-DD');
> ERROR 22007: source string too short for "MM" formatting field

SELECT to_timestamp('13:00 PM', 'HH12:MI PM');
> ERROR 22007: hour "13" is invalid for the 12-hour clock

SELECT to_date('Smarch 5', 'Month DD');
> ERROR 22007: invalid value "Smarch 5" for "MONTH"

SELECT to_date('2024-10', 'IYYY-IW');
> ERROR 0A000: the template pattern "IYYY" is not supported by to_date and to_timestamp yet

SELECT to_date('2024', 'YYYY"x');
> ERROR 22023: unterminated quoted text in the template "YYYY"x"

SELECT to_char(DATE '2024-01-02', 'YYYY"');
> ERROR 22023: unterminated quoted text in the template "YYYY""
