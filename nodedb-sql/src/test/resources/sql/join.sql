-- Joins: inner, left, right, full, cross, USING, comma joins, self joins, schemaless joins.
CREATE COLLECTION users STRICT (id INT PRIMARY KEY, name TEXT);
> CREATE COLLECTION

CREATE COLLECTION orders STRICT (id INT PRIMARY KEY, user_id INT, amount INT);
> CREATE COLLECTION

INSERT INTO users VALUES (1, 'ann'), (2, 'bob'), (3, 'cat');
> INSERT 0 3

INSERT INTO orders VALUES (10, 1, 100), (11, 1, 50), (12, 2, 75), (13, 9, 5), (14, NULL, 1);
> INSERT 0 5

SELECT u.name, o.amount FROM users u JOIN orders o ON u.id = o.user_id ORDER BY o.id;
> name | amount
> ann | 100
> ann | 50
> bob | 75
> (3 rows)

SELECT u.name, o.id FROM users u LEFT JOIN orders o ON o.user_id = u.id ORDER BY u.id, o.id;
> name | id
> ann | 10
> ann | 11
> bob | 12
> cat | NULL
> (4 rows)

SELECT u.name, o.id FROM users u RIGHT JOIN orders o ON u.id = o.user_id ORDER BY o.id;
> name | id
> ann | 10
> ann | 11
> bob | 12
> NULL | 13
> NULL | 14
> (5 rows)

SELECT u.name, o.id FROM users u FULL OUTER JOIN orders o ON u.id = o.user_id ORDER BY u.name, o.id;
> name | id
> ann | 10
> ann | 11
> bob | 12
> cat | NULL
> NULL | 13
> NULL | 14
> (6 rows)

SELECT count(*) FROM users CROSS JOIN orders;
> count
> 15
> (1 row)

SELECT count(*) FROM users, orders WHERE users.id = orders.user_id;
> count
> 3
> (1 row)

SELECT u.name, o.amount FROM users u INNER JOIN orders o ON u.id = o.user_id AND o.amount > 60 ORDER BY o.id;
> name | amount
> ann | 100
> bob | 75
> (2 rows)

SELECT u.name, o.amount FROM users u LEFT JOIN orders o ON u.id = o.user_id AND o.amount > 60 ORDER BY u.id;
> name | amount
> ann | 100
> bob | 75
> cat | NULL
> (3 rows)

SELECT u.name, sum(o.amount) AS total FROM users u LEFT JOIN orders o ON u.id = o.user_id
  GROUP BY u.name ORDER BY total DESC NULLS LAST;
> name | total
> ann | 150
> bob | 75
> cat | NULL
> (3 rows)

SELECT a.name, b.name FROM users a JOIN users b ON a.id < b.id ORDER BY a.id, b.id;
> name | name
> ann | bob
> ann | cat
> bob | cat
> (3 rows)

SELECT name FROM users JOIN orders ON users.id = orders.user_id WHERE amount = 75;
> name
> bob
> (1 row)

SELECT id FROM users JOIN orders ON users.id = orders.user_id;
> ERROR 42702: column reference "id" is ambiguous (at position 8)

CREATE COLLECTION l STRICT (k INT, lv TEXT);
> CREATE COLLECTION

CREATE COLLECTION r STRICT (k INT, rv TEXT);
> CREATE COLLECTION

INSERT INTO l (k, lv) VALUES (1, 'l1'), (2, 'l2');
> INSERT 0 2

INSERT INTO r (k, rv) VALUES (2, 'r2'), (3, 'r3');
> INSERT 0 2

SELECT lv, rv FROM l JOIN r USING (k);
> lv | rv
> l2 | r2
> (1 row)

SELECT lv, rv FROM l FULL JOIN r USING (k) ORDER BY lv, rv;
> lv | rv
> l1 | NULL
> l2 | r2
> NULL | r3
> (3 rows)

-- Schemaless documents join on fields.
CREATE COLLECTION people;
> CREATE COLLECTION

CREATE COLLECTION sessions;
> CREATE COLLECTION

INSERT INTO people [ { id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' } ];
> INSERT 0 2

INSERT INTO sessions [ { key: 's1', user_id: 'alice', role: 'admin' }, { key: 's2', user_id: 'bob', role: 'user' },
  { key: 's3', user_id: 'alice', role: 'admin' } ];
> INSERT 0 3

SELECT u.name, s.role, s.key FROM people u JOIN sessions s ON u.id = s.user_id WHERE s.role = 'admin' ORDER BY s.key;
> name | role | key
> Alice | admin | s1
> Alice | admin | s3
> (2 rows)

EXPLAIN SELECT u.name FROM people u JOIN sessions s ON u.id = s.user_id;
> QUERY PLAN
> Project (1 columns)
> ->  Hash Join (u.id = s.user_id)
>   ->  Seq Scan on people
>   ->  Seq Scan on sessions
> (4 rows)

-- NATURAL joins use the columns both sides declare.
CREATE TABLE nat_a (k INT PRIMARY KEY, grp TEXT, a TEXT);
> CREATE COLLECTION

CREATE TABLE nat_b (id INT PRIMARY KEY, grp TEXT, b TEXT);
> CREATE COLLECTION

INSERT INTO nat_a VALUES (1, 'x', 'a1'), (2, 'y', 'a2'), (3, 'z', 'a3');
> INSERT 0 3

INSERT INTO nat_b VALUES (10, 'x', 'b1'), (11, 'x', 'b2'), (12, 'w', 'b3');
> INSERT 0 3

SELECT a, b FROM nat_a NATURAL JOIN nat_b ORDER BY a, b;
> a | b
> a1 | b1
> a1 | b2
> (2 rows)

SELECT a, b FROM nat_a NATURAL LEFT JOIN nat_b ORDER BY a, b;
> a | b
> a1 | b1
> a1 | b2
> a2 | NULL
> a3 | NULL
> (4 rows)

EXPLAIN SELECT a FROM nat_a NATURAL JOIN nat_b;
> QUERY PLAN
> Project (1 columns)
> ->  Hash Join (NATURAL grp)
>   ->  Seq Scan on nat_a
>   ->  Seq Scan on nat_b
> (4 rows)

SELECT count(*) FROM nat_a NATURAL JOIN (SELECT 1 AS unrelated) u;
> count
> 3
> (1 row)

SELECT * FROM nat_a NATURAL JOIN nat_b NATURAL WHERE true;
> ERROR 42601: syntax error at or near "WHERE", expected JOIN (at position 48)
