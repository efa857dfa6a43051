-- Projections, aliases, *, expressions, schemaless nested fields, SELECT without FROM.
SELECT 1;
> ?column?
> 1
> (1 row)

SELECT 1 + 2 AS three, 'a' || 'b' AS ab, NULL AS nothing, true, 2.50;
> three | ab | nothing | ?column? | ?column?
> 3 | ab | NULL | true | 2.50
> (1 row)

SELECT 7 / 2, 7 % 3, 7.0 / 2, 2 ^ 10, -5, - (3 - 10);
> ?column? | ?column? | ?column? | ?column? | ?column? | ?column?
> 3 | 1 | 3.5 | 1024 | -5 | 7
> (1 row)

CREATE COLLECTION people;
> CREATE COLLECTION

INSERT INTO people [
  { id: 'p1', name: 'Ann', age: 31, address: { city: 'Oslo', zip: '0150' }, tags: ['a', 'b'] },
  { id: 'p2', name: 'Ben', age: 25, address: { city: 'Bergen' } },
  { id: 'p3', name: 'Cai', tags: [] } ];
> INSERT 0 3

SELECT * FROM people ORDER BY id;
> id | name | age | address | tags
> p1 | Ann | 31 | {"city":"Oslo","zip":"0150"} | ["a","b"]
> p2 | Ben | 25 | {"city":"Bergen"} | NULL
> p3 | Cai | NULL | NULL | []
> (3 rows)

SELECT name, address.city, people.address.zip AS zip FROM people ORDER BY name;
> name | city | zip
> Ann | Oslo | 0150
> Ben | Bergen | NULL
> Cai | NULL | NULL
> (3 rows)

SELECT p.name, p.address.city FROM people p WHERE p.address.city = 'Oslo';
> name | city
> Ann | Oslo
> (1 row)

SELECT name, tags[0] AS first_tag, address->>'city' AS city FROM people ORDER BY name;
> name | first_tag | city
> Ann | a | Oslo
> Ben | NULL | Bergen
> Cai | NULL | NULL
> (3 rows)

SELECT doc_get(address, '$.city') AS city, doc_exists(address, '$.zip') AS has_zip FROM people ORDER BY id;
> city | has_zip
> Oslo | true
> Bergen | false
> NULL | NULL
> (3 rows)

SELECT name FROM people WHERE doc_array_contains(tags, 'b');
> name
> Ann
> (1 row)

SELECT missing FROM people ORDER BY id;
> missing
> NULL
> NULL
> NULL
> (3 rows)

SELECT NAME FROM people WHERE ID = 'p2';
> name
> Ben
> (1 row)

CREATE COLLECTION t STRICT (id INT PRIMARY KEY, a TEXT, b FLOAT);
> CREATE COLLECTION

INSERT INTO t VALUES (1, 'x', 1.5), (2, 'y', NULL);
> INSERT 0 2

SELECT * FROM t ORDER BY id;
> id | a | b
> 1 | x | 1.5
> 2 | y | NULL
> (2 rows)

SELECT t.*, a AS again FROM t ORDER BY id;
> id | a | b | again
> 1 | x | 1.5 | x
> 2 | y | NULL | y
> (2 rows)

SELECT id * 10 AS ten, b + 1 FROM t ORDER BY id;
> ten | ?column?
> 10 | 2.5
> 20 | NULL
> (2 rows)

SELECT nope FROM t;
> ERROR 42703: column "nope" does not exist (at position 8)

SELECT x.a FROM t;
> ERROR 42703: column "x.a" does not exist (at position 8)

SELECT * FROM t x WHERE x.id = 1;
> id | a | b
> 1 | x | 1.5
> (1 row)

SELECT DISTINCT a IS NULL FROM t;
> ?column?
> false
> (1 row)

SELECT id, CASE WHEN b IS NULL THEN 'none' WHEN b > 1 THEN 'big' ELSE 'small' END AS size FROM t ORDER BY id;
> id | size
> 1 | big
> 2 | none
> (2 rows)

SELECT CASE a WHEN 'x' THEN 1 WHEN 'y' THEN 2 END FROM t ORDER BY id;
> case
> 1
> 2
> (2 rows)

VALUES (1, 'one'), (2, 'two');
> column1 | column2
> 1 | one
> 2 | two
> (2 rows)

SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS v (n, word) WHERE n > 1;
> n | word
> 2 | two
> (1 row)
