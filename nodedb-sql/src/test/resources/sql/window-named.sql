-- The WINDOW clause: a window named once, used by OVER name, or refined by OVER (name ORDER BY ... frame).
CREATE TABLE visits (id INT PRIMARY KEY, usr TEXT, ms INT);
> CREATE COLLECTION

INSERT INTO visits VALUES (1, 'u1', 30), (2, 'u1', 10), (3, 'u2', 20), (4, 'u1', 30), (5, 'u2', 50), (6, 'u3', NULL);
> INSERT 0 6

SELECT id, usr, ms, rank() OVER w AS r, sum(ms) OVER w AS running FROM visits WINDOW w AS (PARTITION BY usr ORDER BY ms DESC) ORDER BY id;
> id | usr | ms | r | running
> 1 | u1 | 30 | 1 | 60
> 2 | u1 | 10 | 3 | 70
> 3 | u2 | 20 | 2 | 70
> 4 | u1 | 30 | 1 | 60
> 5 | u2 | 50 | 1 | 50
> 6 | u3 | NULL | 1 | NULL
> (6 rows)

SELECT id, row_number() OVER (w ORDER BY id) AS n, count(*) OVER w AS per_user FROM visits WINDOW w AS (PARTITION BY usr) ORDER BY id;
> id | n | per_user
> 1 | 1 | 3
> 2 | 2 | 3
> 3 | 1 | 2
> 4 | 3 | 3
> 5 | 2 | 2
> 6 | 1 | 1
> (6 rows)

SELECT id, sum(ms) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair, avg(ms) OVER (w ROWS UNBOUNDED PRECEDING) AS so_far FROM visits WINDOW w AS (ORDER BY id) ORDER BY id;
> id | pair | so_far
> 1 | 30 | 30
> 2 | 40 | 20
> 3 | 30 | 20
> 4 | 50 | 22.5
> 5 | 80 | 28
> 6 | 50 | 28
> (6 rows)

-- A definition may start from an earlier one; a window with a frame is used as it is.
SELECT id, first_value(id) OVER byms AS first, sum(ms) OVER framed AS near FROM visits WINDOW byusr AS (PARTITION BY usr), byms AS (byusr ORDER BY ms NULLS FIRST, id), framed AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) ORDER BY id;
> id | first | near
> 1 | 2 | 40
> 2 | 2 | 60
> 3 | 3 | 60
> 4 | 2 | 100
> 5 | 3 | 80
> 6 | 6 | 50
> (6 rows)

SELECT usr, count(*) AS n, rank() OVER w FROM visits GROUP BY usr WINDOW w AS (ORDER BY count(*) DESC) ORDER BY usr;
> usr | n | rank
> u1 | 3 | 1
> u2 | 2 | 2
> u3 | 1 | 3
> (3 rows)

SELECT id FROM visits WINDOW unused AS (ORDER BY id) ORDER BY id LIMIT 2;
> id
> 1
> 2
> (2 rows)

-- Errors.
SELECT rank() OVER nope FROM visits;
> ERROR 42704: window "nope" does not exist (at position 20)

SELECT rank() OVER (nope ORDER BY id) FROM visits;
> ERROR 42704: window "nope" does not exist (at position 21)

SELECT rank() OVER w FROM visits WINDOW w AS (ORDER BY id), w AS (ORDER BY ms);
> ERROR 42P20: window "w" is already defined (at position 61)

SELECT rank() OVER (w ORDER BY ms) FROM visits WINDOW w AS (ORDER BY id);
> ERROR 42P20: cannot override ORDER BY clause of window "w" (at position 21)

SELECT rank() OVER (w PARTITION BY usr) FROM visits WINDOW w AS (ORDER BY id);
> ERROR 42P20: cannot override PARTITION BY clause of window "w" (at position 21)

SELECT sum(ms) OVER (w) FROM visits WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
> ERROR 42P20: cannot copy window "w" because it has a frame clause (at position 22)

SELECT rank() OVER w FROM visits WINDOW w AS (x ORDER BY id), x AS (PARTITION BY usr);
> ERROR 42704: window "x" does not exist (at position 47)

SELECT rank() OVER w FROM visits WINDOW w (ORDER BY id);
> ERROR 42601: syntax error at or near "(", expected AS (at position 43)

SELECT sum() OVER w FROM visits WINDOW w AS (ORDER BY id);
> ERROR 42883: function sum takes 1 arguments, got 0 (at position 8)

SELECT lag() OVER w FROM visits WINDOW w AS (ORDER BY id);
> ERROR 42883: function lag takes 1 to 3 arguments, got 0 (at position 8)

SELECT ntile() OVER w FROM visits WINDOW w AS (ORDER BY id);
> ERROR 42883: function ntile takes 1 arguments, got 0 (at position 8)

SELECT first_value() OVER w FROM visits WINDOW w AS (ORDER BY id);
> ERROR 42883: function first_value takes 1 arguments, got 0 (at position 8)
