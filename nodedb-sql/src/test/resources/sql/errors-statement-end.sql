-- Errors at the statement's final ';' and in an unterminated literal. Kept apart from errors.sql because pgjdbc
-- changes these statements before sending them (it drops a final ';', so the server reports "at end of input",
-- and rejects an unterminated literal itself): over pgwire this file is a known difference of the driver.
SELECT * FROM;
> ERROR 42601: syntax error at or near ";", expected a collection name (at position 14)

SELECT name FROM users WHERE;
> ERROR 42601: syntax error at or near ";", expected an expression (at position 29)

SELECT 1 +;
> ERROR 42601: syntax error at or near ";", expected an expression (at position 11)

SELECT 'unterminated;
> ERROR 42601: unterminated quoted string (at position 8)

CREATE COLLECTION;
> ERROR 42601: syntax error at or near ";", expected a collection name (at position 18)

SET LOCAL;
> ERROR 42601: syntax error at or near ";", expected a setting name (at position 10)
