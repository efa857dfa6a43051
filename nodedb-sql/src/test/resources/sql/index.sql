-- Secondary indexes: the planner reads through them for equality on the leading field; unique ones reject dups.
CREATE TABLE users (id INT PRIMARY KEY, email TEXT, team TEXT);
> CREATE COLLECTION

INSERT INTO users VALUES (1, 'a@x', 'red'), (2, 'b@x', 'blue'), (3, 'c@x', 'red');
> INSERT 0 3

CREATE UNIQUE INDEX users_email ON users (email);
> CREATE INDEX

CREATE INDEX ON users FIELDS team;
> CREATE INDEX

EXPLAIN SELECT id FROM users WHERE email = 'b@x';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (email = 'b@x')
>   ->  Index Scan on users using users_email (email = 'b@x')
> (3 rows)

SELECT id FROM users WHERE email = 'b@x';
> id
> 2
> (1 row)

SELECT id FROM users WHERE team = 'red' AND id > 1;
> id
> 3
> (1 row)

EXPLAIN SELECT id FROM users WHERE id = 2 AND team = 'red';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (team = 'red')
>   ->  Point Get on users (id = 2)
> (3 rows)

INSERT INTO users VALUES (4, 'a@x', 'green');
> ERROR 23505

UPDATE users SET email = 'c@x' WHERE id = 1;
> ERROR 23505

BEGIN;
> BEGIN

INSERT INTO users VALUES (5, 'e@x', 'red');
> INSERT 0 1

UPDATE users SET team = 'blue' WHERE id = 1;
> UPDATE 1

SELECT id FROM users WHERE team = 'red' ORDER BY id;
> id
> 3
> 5
> (2 rows)

COMMIT;
> COMMIT

SELECT id FROM users WHERE team = 'red' ORDER BY id;
> id
> 3
> 5
> (2 rows)

CREATE COLLECTION docs;
> CREATE COLLECTION

INSERT INTO docs [ { id: 'd1', kind: 'x', n: 1 }, { id: 'd2', kind: 'y', n: 1 }, { id: 'd3', kind: 'x', n: 2 } ];
> INSERT 0 3

CREATE INDEX docs_kind ON docs FIELDS kind;
> CREATE INDEX

CREATE INDEX docs_n ON docs FIELDS n;
> CREATE INDEX

EXPLAIN SELECT id FROM docs WHERE kind = 'x';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (kind = 'x')
>   ->  Index Scan on docs using docs_kind (kind = 'x')
> (3 rows)

SELECT id FROM docs WHERE kind = 'x' ORDER BY id;
> id
> d1
> d3
> (2 rows)

EXPLAIN SELECT id FROM docs WHERE n = 1;
> QUERY PLAN
> Project (1 columns)
> ->  Filter (n = 1)
>   ->  Seq Scan on docs
> (3 rows)

SELECT id FROM docs WHERE n = 1.0 ORDER BY id;
> id
> d1
> d2
> (2 rows)

-- Ranges and IN lists read through an index on the leading field; the filter above re-checks every row.
CREATE TABLE scores (id INT PRIMARY KEY, score BIGINT, player TEXT);
> CREATE COLLECTION

INSERT INTO scores VALUES (1, 10, 'ann'), (2, 20, 'bob'), (3, 30, 'cy'), (4, NULL, 'dee'), (5, 20, 'eve'), (6, -5, 'fay');
> INSERT 0 6

CREATE INDEX scores_score ON scores (score);
> CREATE INDEX

EXPLAIN SELECT id FROM scores WHERE score > 15;
> QUERY PLAN
> Project (1 columns)
> ->  Filter (score > 15)
>   ->  Index Range Scan on scores using scores_score (score > 15)
> (3 rows)

SELECT id FROM scores WHERE score > 15 ORDER BY id;
> id
> 2
> 3
> 5
> (3 rows)

SELECT id FROM scores WHERE 20 >= score ORDER BY id;
> id
> 1
> 2
> 5
> 6
> (4 rows)

EXPLAIN SELECT id FROM scores WHERE score >= 10 AND score < 30;
> QUERY PLAN
> Project (1 columns)
> ->  Filter ((score >= 10) AND (score < 30))
>   ->  Index Range Scan on scores using scores_score (score >= 10 AND score < 30)
> (3 rows)

SELECT id FROM scores WHERE score >= 10 AND score < 30 ORDER BY id;
> id
> 1
> 2
> 5
> (3 rows)

SELECT id FROM scores WHERE score BETWEEN -10 AND 10 ORDER BY id;
> id
> 1
> 6
> (2 rows)

SELECT id FROM scores WHERE score < 0.5 ORDER BY id;
> id
> 6
> (1 row)

EXPLAIN SELECT id FROM scores WHERE score IN (30, 10, 30);
> QUERY PLAN
> Project (1 columns)
> ->  Filter (score IN (30, 10, 30))
>   ->  Index Scan on scores using scores_score (score IN (30, 10, 30))
> (3 rows)

SELECT id FROM scores WHERE score IN (30, 10, 30) ORDER BY id;
> id
> 1
> 3
> (2 rows)

SELECT id FROM scores WHERE score IN (20, NULL) ORDER BY id;
> id
> 2
> 5
> (2 rows)

SELECT id FROM scores WHERE score > NULL;
> id
> (0 rows)

BEGIN;
> BEGIN

UPDATE scores SET score = 100 WHERE id = 1;
> UPDATE 1

SELECT id FROM scores WHERE score > 50 ORDER BY id;
> id
> 1
> (1 row)

SELECT id FROM scores WHERE score IN (10, 100) ORDER BY id;
> id
> 1
> (1 row)

ROLLBACK;
> ROLLBACK

CREATE COLLECTION people;
> CREATE COLLECTION

INSERT INTO people [ { id: 1, name: 'ann' }, { id: 2, name: 'bob' }, { id: 3, name: 42 }, { id: 4 }, { id: 5, name: 'cat' } ];
> INSERT 0 5

CREATE INDEX people_name ON people FIELDS name;
> CREATE INDEX

EXPLAIN SELECT id FROM people WHERE name >= 'b';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (name >= 'b')
>   ->  Index Range Scan on people using people_name (name >= 'b')
> (3 rows)

SELECT id FROM people WHERE name >= 'b' ORDER BY id;
> id
> 2
> 5
> (2 rows)

SELECT id FROM people WHERE name < 'b' ORDER BY id;
> id
> 1
> (1 row)

EXPLAIN SELECT id FROM people WHERE name > 10;
> QUERY PLAN
> Project (1 columns)
> ->  Filter (name > 10)
>   ->  Seq Scan on people
> (3 rows)

SELECT id FROM scores WHERE score > 9.5 AND score < 20.5 ORDER BY id;
> id
> 1
> 2
> 5
> (3 rows)

SELECT id FROM scores WHERE score >= 10.5 ORDER BY id;
> id
> 2
> 3
> 5
> (3 rows)
