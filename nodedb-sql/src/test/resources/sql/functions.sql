-- Scalar functions, CAST and ::, COALESCE, NULLIF, timestamps and intervals, overflow and division by zero.
SELECT lower('AbC'), upper('AbC'), length('héllo'), substring('database', 2, 3), substring('database' FROM 5);
> lower | upper | length | substring | substring
> abc | ABC | 5 | ata | base
> (1 row)

SELECT trim('  x  ') AS t, ltrim('xxa', 'x') AS l, rtrim('axx', 'x') AS r, trim(BOTH 'x' FROM 'xxaxx') AS b;
> t | l | r | b
> x | a | a | a
> (1 row)

SELECT replace('a-b-c', '-', '+'), 'a' || 1 || true, concat('a', NULL, 'b'), left('hello', 2), right('hello', 3);
> replace | ?column? | concat | left | right
> a+b+c | a1true | ab | he | llo
> (1 row)

SELECT position('c' IN 'abcd'), strpos('abcd', 'z'), split_part('a,b,c', ',', 2), reverse('abc'), repeat('ab', 3);
> position | strpos | split_part | reverse | repeat
> 3 | 0 | b | cba | ababab
> (1 row)

SELECT abs(-3), abs(-2.5), round(2.567, 2), round(2.5), round(-2.5), floor(2.7), ceil(2.1), round(7.5::float);
> abs | abs | round | round | round | floor | ceil | round
> 3 | 2.5 | 2.57 | 3 | -3 | 2 | 3 | 8
> (1 row)

SELECT sqrt(16), power(2, 10), mod(17, 5), sign(-4), 10 / 4.0;
> sqrt | power | mod | sign | ?column?
> 4 | 1024 | 2 | -1 | 2.5
> (1 row)

SELECT coalesce(NULL, NULL, 'x', 'y'), coalesce(NULL), nullif(1, 1), nullif(1, 2), greatest(1, 5, 3), least(2, NULL);
> coalesce | coalesce | nullif | nullif | greatest | least
> x | NULL | NULL | 1 | 5 | 2
> (1 row)

SELECT CAST('42' AS BIGINT) + 1, '3.5'::FLOAT * 2, 12::TEXT || 'x', CAST(3.9 AS INT), CAST(-3.5 AS INT);
> ?column? | ?column? | ?column? | bigint | bigint
> 43 | 7 | 12x | 4 | -4
> (1 row)

SELECT 'true'::BOOL, 'off'::BOOLEAN, 1::BOOL, '2024-03-05'::TIMESTAMP, TIMESTAMP '2024-03-05 10:20:30';
> bool | bool | bool | timestamp | timestamp
> true | false | true | 2024-03-05T00:00:00Z | 2024-03-05T10:20:30Z
> (1 row)

SELECT '550e8400-e29b-41d4-a716-446655440000'::UUID, '[1, 2.5, 3]'::VECTOR(3), '{"a": [1, 2]}'::JSON;
> uuid | vector(3) | object
> 550e8400-e29b-41d4-a716-446655440000 | [1,2.5,3] | {"a":[1,2]}
> (1 row)

SELECT CAST('abc' AS INT);
> ERROR 22P02: invalid input syntax for type BIGINT: "abc" (at position 8)

SELECT TRY_CAST('abc' AS INT) IS NULL;
> ?column?
> true
> (1 row)

SELECT CAST(true AS TIMESTAMP);
> ERROR 42804: cannot cast type BOOL to TIMESTAMP (at position 8)

SELECT 9223372036854775807 + 1;
> ERROR 22003: BIGINT out of range

SELECT (-9223372036854775807 - 1) - 1;
> ERROR 22003: BIGINT out of range

SELECT 4611686018427387904 * 2;
> ERROR 22003: BIGINT out of range

SELECT 1 / 0;
> ERROR 22012: division by zero

SELECT 1.0 / 0;
> ERROR 22012: division by zero

SELECT 5 % 0;
> ERROR 22012: division by zero

SELECT 1e308::FLOAT * 10;
> ERROR 22003: DOUBLE out of range

SELECT abs(-9223372036854775807 - 1);
> ERROR 22003: BIGINT out of range

SELECT date_trunc('month', TIMESTAMP '2024-03-15 10:20:30'), date_trunc('hour', '2024-03-15T10:20:30Z'::TIMESTAMP);
> date_trunc | date_trunc
> 2024-03-01T00:00:00Z | 2024-03-15T10:00:00Z
> (1 row)

SELECT extract(year FROM TIMESTAMP '2024-03-15 10:20:30.5'), extract(second FROM TIMESTAMP '2024-03-15 10:20:30.5'),
  date_part('dow', TIMESTAMP '2024-03-17');
> extract | extract | date_part
> 2024 | 30.5 | 0
> (1 row)

SELECT TIMESTAMP '2024-01-31' + INTERVAL '1 month', TIMESTAMP '2024-03-01' - INTERVAL '1 day 2 hours',
  TIMESTAMP '2024-01-01' + INTERVAL '90 minutes';
> ?column? | ?column? | ?column?
> 2024-02-29T00:00:00Z | 2024-02-28T22:00:00Z | 2024-01-01T01:30:00Z
> (1 row)

SELECT now() - INTERVAL '1 hour' < now(), now() = current_timestamp, typeof(now());
> ?column? | ?column? | typeof
> true | true | TIMESTAMP
> (1 row)

SELECT length(gen_uuid_v7()::TEXT), version() LIKE 'NodeDB%', current_user;
> length | ?column? | current_user
> 36 | true | nodedb
> (1 row)

SELECT nosuchfn(1);
> ERROR 42883: function nosuchfn(?) does not exist (at position 8)

SELECT lower(1, 2);
> ERROR 42883: function lower takes 1 arguments, got 2 (at position 8)

SELECT '2024-13-45'::TIMESTAMP;
> ERROR 22008: date/time field value out of range: "2024-13-45" (at position 20)

SELECT INTERVAL 'soon';
> ERROR 22007: invalid input syntax for type INTERVAL: "soon" (at position 8)

SELECT [1, 2] || [3], {a: 1, b: 'x'}, ARRAY[1, 2][1], '[1, 2, 3]'::VECTOR(3) <-> '[1, 2, 5]'::VECTOR(3);
> ?column? | ?column? | ?column? | ?column?
> [1,2,3] | {"a":1,"b":"x"} | 2 | 2
> (1 row)
