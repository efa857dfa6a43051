-- to_char(number, template) and to_number(text, template) with PostgreSQL's number patterns (C locale).
SELECT to_char(485, '999') AS a, to_char(-485, '999') AS b, to_char(485, '9 9 9') AS c, to_char(1485, '9,999') AS d, to_char(1485, '9G999') AS e;
> a | b | c | d | e
>  485 | -485 |  4 8 5 |  1,485 |  1,485
> (1 row)

SELECT to_char(-0.1, '99.99') AS a, to_char(-0.1, 'FM9.99') AS b, to_char(-0.1, 'FM90.99') AS c, to_char(0.1, '0.9') AS d, to_char(0, '999') AS e;
> a | b | c | d | e
>   -.10 | -.1 | -0.1 |  0.1 |    0
> (1 row)

SELECT to_char(12, '9990999.9') AS a, to_char(12, 'FM9990999.9') AS b, to_char(148.5, '999.999') AS c, to_char(148.5, 'FM999.999') AS d, to_char(148.5, 'FM999.990') AS e;
> a | b | c | d | e
>     0012.0 | 0012. |  148.500 | 148.5 | 148.500
> (1 row)

SELECT to_char(3148.5, '9G999D999') AS a, to_char(-485, '999S') AS b, to_char(-485, '999MI') AS c, to_char(485, '999MI') AS d, to_char(485, 'FM999MI') AS e;
> a | b | c | d | e
>  3,148.500 | 485- | 485- | 485  | 485
> (1 row)

SELECT to_char(485, 'S999') AS a, to_char(-5, 'S999') AS b, to_char(-485, '9SG99') AS c, to_char(-485, '999PR') AS d, to_char(485, '999PR') AS e;
> a | b | c | d | e
> +485 |   -5 | 4-85 | <485> |  485 
> (1 row)

SELECT to_char(485, '"Good number:"999') AS a, to_char(485.8, '"Pre:"999" Post:" .999') AS b, to_char(1234, '99') AS c, to_char(-12, '0000') AS d;
> a | b | c | d
> Good number: 485 | Pre: 485 Post: .800 |  ## | -0012
> (1 row)

SELECT to_char(0.0004859, '9.99EEEE') AS a, to_char(-12345.678, '9.999EEEE') AS b, to_char(0, 'FM9.9EEEE') AS c;
> a | b | c
>  4.86e-04 | -1.235e+04 | 0.0e+00
> (1 row)

SELECT to_char(1234567.891::DOUBLE, 'FM9,999,999.99') AS f, to_char(2.5, '9') AS half_up, to_char(-2.5, '9') AS half_down, to_char(1234567890123, '9,999,999,999,999') AS big;
> f | half_up | half_down | big
> 1,234,567.89 |  3 | -3 |  1,234,567,890,123
> (1 row)

SELECT to_char(amount, 'FM999,990.00') FROM (VALUES (0.5), (1234.567), (-7)) AS v (amount);
> to_char
> 0.50
> 1,234.57
> -7.00
> (3 rows)

SELECT to_char(1, 'RN');
> ERROR 0A000: the number template pattern "RN" is not supported yet

SELECT to_char(1, 'abc');
> ERROR 22023: the number template "abc" has no digit positions (9 or 0)

SELECT to_char(1, '9.9.9');
> ERROR 42601: multiple decimal points in the number template "9.9.9"

SELECT to_number('12,454.8-', '99G999D9S') AS a, to_number('-12', '99') AS b, to_number('12345', '99') AS c, to_number('1.2345', '9.99') AS d;
> a | b | c | d
> -12454.8 | -12 | 12 | 1.23
> (1 row)

SELECT to_number('<123>', '999PR') AS a, to_number(' 1,234.50', '9,999.99') AS b, to_number('$42', '"$"99') AS c, to_number('5-', '9MI') AS d;
> a | b | c | d
> -123 | 1234.50 | 42 | -5
> (1 row)

SELECT to_number('abc', '999');
> ERROR 22P02: invalid input syntax for type numeric: "abc"

SELECT to_number(NULL, '999') IS NULL AS n, typeof(to_number('1', '9')) AS t;
> n | t
> true | DECIMAL
> (1 row)

SELECT to_char(-5, 'S999MI');
> ERROR 42601: cannot use more than one sign pattern in the number template "S999MI"

SELECT to_char(42, '99"x');
> ERROR 22023: unterminated quoted text in the template "99"x"

SELECT to_number('4', '"9');
> ERROR 22023: unterminated quoted text in the template ""9"
