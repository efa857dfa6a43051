-- Syntax errors carry a 1-based position and say what was expected.
SELEC 1;
> ERROR 42601: syntax error at or near "SELEC", expected a statement (at position 1)

SELECT (1;
> ERROR 42601: syntax error at or near ";", expected ")" (at position 10)

INSERT INTO t VALUES (1,;
> ERROR 42601: syntax error at or near ";", expected an expression (at position 25)

SELECT 1 FROM t t2 t3;
> ERROR 42601: syntax error at or near "t3" (at position 20)

SELECT * FROM t WHERE a = = 1;
> ERROR 42601: syntax error at or near "=", expected an expression (at position 27)

SELECT 1 2;
> ERROR 42601: syntax error at or near "2" (at position 10)

SELECT $0;
> ERROR 42601: parameter $0 is out of range (at position 8)

SELECT 1.2.3;
> ERROR 42601: syntax error at or near ".3" (at position 11)

SELECT 12abc;
> ERROR 42601: trailing junk after numeric literal at or near "12a" (at position 8)

CREATE VECTOR INDEX idx ON articles METRIC cosine DIM 3;
> ERROR 42P01: collection "articles" does not exist (at position 1)

GRAPH TRAVERSE FROM 'a';
> ERROR 0A000: statement GRAPH is not supported yet (at position 1)

SELECT * FROM missing;
> ERROR 42P01: collection "missing" does not exist (at position 15)

SELECT a FROM (SELECT 1 AS b) x;
> ERROR 42703: column "a" does not exist (at position 8)

DROP VIEW v;
> ERROR 0A000: DROP VIEW is not supported yet (at position 6)
