-- Window functions.
CREATE COLLECTION visits STRICT (id INT PRIMARY KEY, usr TEXT, page TEXT, ms INT);
> CREATE COLLECTION

INSERT INTO visits VALUES (1, 'u1', 'home', 30), (2, 'u1', 'cart', 10), (3, 'u2', 'home', 20),
  (4, 'u1', 'home', 30), (5, 'u2', 'help', 50), (6, 'u3', 'home', NULL);
> INSERT 0 6

SELECT id, usr, ROW_NUMBER() OVER (PARTITION BY usr ORDER BY id DESC) AS visit_rank FROM visits ORDER BY id;
> id | usr | visit_rank
> 1 | u1 | 3
> 2 | u1 | 2
> 3 | u2 | 2
> 4 | u1 | 1
> 5 | u2 | 1
> 6 | u3 | 1
> (6 rows)

SELECT id, ms, rank() OVER (ORDER BY ms DESC) AS r, dense_rank() OVER (ORDER BY ms DESC) AS d FROM visits
  ORDER BY id;
> id | ms | r | d
> 1 | 30 | 3 | 3
> 2 | 10 | 6 | 5
> 3 | 20 | 5 | 4
> 4 | 30 | 3 | 3
> 5 | 50 | 2 | 2
> 6 | NULL | 1 | 1
> (6 rows)

SELECT id, lag(ms) OVER (ORDER BY id) AS prev, lead(ms, 2, -1) OVER (ORDER BY id) AS next2 FROM visits ORDER BY id;
> id | prev | next2
> 1 | NULL | 20
> 2 | 30 | 30
> 3 | 10 | 50
> 4 | 20 | NULL
> 5 | 30 | -1
> 6 | 50 | -1
> (6 rows)

SELECT id, usr, sum(ms) OVER (PARTITION BY usr) AS usr_total, count(*) OVER () AS n FROM visits ORDER BY id;
> id | usr | usr_total | n
> 1 | u1 | 70 | 6
> 2 | u1 | 70 | 6
> 3 | u2 | 70 | 6
> 4 | u1 | 70 | 6
> 5 | u2 | 70 | 6
> 6 | u3 | NULL | 6
> (6 rows)

SELECT id, sum(ms) OVER (ORDER BY id) AS running FROM visits ORDER BY id;
> id | running
> 1 | 30
> 2 | 40
> 3 | 60
> 4 | 90
> 5 | 140
> 6 | 140
> (6 rows)

SELECT id, ms, sum(ms) OVER (ORDER BY ms) AS by_peers FROM visits ORDER BY id;
> id | ms | by_peers
> 1 | 30 | 90
> 2 | 10 | 10
> 3 | 20 | 30
> 4 | 30 | 90
> 5 | 50 | 140
> 6 | NULL | 140
> (6 rows)

SELECT id, avg(ms) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS smooth FROM visits ORDER BY id;
> id | smooth
> 1 | 20
> 2 | 20
> 3 | 20
> 4 | 33.3333333333333333
> 5 | 40
> 6 | 50
> (6 rows)

SELECT id, max(ms) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest_max FROM visits
  ORDER BY id;
> id | rest_max
> 1 | 50
> 2 | 50
> 3 | 50
> 4 | 50
> 5 | 50
> 6 | NULL
> (6 rows)

SELECT id, first_value(page) OVER (PARTITION BY usr ORDER BY id) AS first_page FROM visits ORDER BY id;
> id | first_page
> 1 | home
> 2 | home
> 3 | home
> 4 | home
> 5 | home
> 6 | home
> (6 rows)

SELECT usr, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS popularity FROM visits GROUP BY usr
  ORDER BY popularity, usr;
> usr | n | popularity
> u1 | 3 | 1
> u2 | 2 | 2
> u3 | 1 | 3
> (3 rows)

SELECT id, ntile(2) OVER (ORDER BY id) FROM visits ORDER BY id;
> id | ntile
> 1 | 1
> 2 | 1
> 3 | 1
> 4 | 2
> 5 | 2
> 6 | 2
> (6 rows)

SELECT id FROM visits WHERE row_number() OVER () > 1;
> ERROR 42803: window functions are not allowed in WHERE (at position 29)

SELECT nth_value(id, 2) OVER () FROM visits;
> nth_value
> 2
> 2
> 2
> 2
> 2
> 2
> (6 rows)

SELECT x, nth_value(x, 2) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second, nth_value(x, 2) OVER (ORDER BY x) AS second_so_far FROM (VALUES (3), (1), (2)) v (x) ORDER BY x;
> x | second | second_so_far
> 1 | 2 | NULL
> 2 | 2 | 2
> 3 | 2 | 2
> (3 rows)

SELECT nth_value(x, 0) OVER () FROM (VALUES (1)) v (x);
> ERROR 22016: argument of nth_value must be greater than zero
