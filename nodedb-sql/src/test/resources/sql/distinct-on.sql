-- SELECT DISTINCT ON (...): the first row of each key, in ORDER BY's order, as in PostgreSQL.
CREATE TABLE readings (id INT PRIMARY KEY, sensor TEXT, at TIMESTAMP, value DOUBLE);
> CREATE COLLECTION

INSERT INTO readings VALUES (1, 'a', '2024-01-01 10:00:00', 1.5), (2, 'a', '2024-01-01 11:00:00', 2.5), (3, 'b', '2024-01-01 09:00:00', 7.0), (4, 'b', '2024-01-01 12:00:00', 8.0), (5, NULL, '2024-01-01 08:00:00', 0.5), (6, NULL, '2024-01-01 13:00:00', 0.7);
> INSERT 0 6

SELECT DISTINCT ON (sensor) sensor, at, value FROM readings ORDER BY sensor, at DESC;
> sensor | at | value
> a | 2024-01-01T11:00:00Z | 2.5
> b | 2024-01-01T12:00:00Z | 8
> NULL | 2024-01-01T13:00:00Z | 0.7
> (3 rows)

SELECT DISTINCT ON (sensor) id FROM readings ORDER BY sensor, value;
> id
> 1
> 3
> 5
> (3 rows)

SELECT DISTINCT ON (sensor) sensor, value FROM readings ORDER BY sensor NULLS FIRST, value DESC LIMIT 2;
> sensor | value
> NULL | 0.7
> a | 2.5
> (2 rows)

SELECT DISTINCT ON (lower(sensor), 1) sensor FROM readings ORDER BY 1, lower(sensor);
> sensor
> a
> b
> NULL
> (3 rows)

SELECT DISTINCT ON (sensor) sensor FROM readings;
> sensor
> a
> b
> NULL
> (3 rows)

EXPLAIN SELECT DISTINCT ON (sensor) sensor, value FROM readings ORDER BY sensor, value DESC;
> QUERY PLAN
> Distinct On (sensor)
> ->  Sort (sensor, value DESC)
>   ->  Project (2 columns)
>     ->  Seq Scan on readings
> (4 rows)

SELECT DISTINCT ON (sensor) sensor, value FROM readings ORDER BY value;
> ERROR 42P10: SELECT DISTINCT ON expressions must match initial ORDER BY expressions (at position 21)

SELECT DISTINCT ON (sensor, id) sensor FROM readings ORDER BY sensor;
> ERROR 42P10: SELECT DISTINCT ON expressions must match initial ORDER BY expressions (at position 21)

SELECT DISTINCT ON sensor FROM readings;
> ERROR 42601: syntax error at or near "sensor", expected "(" (at position 20)
