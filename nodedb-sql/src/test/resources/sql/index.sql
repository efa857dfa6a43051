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
